<#
.SYNOPSIS
  Windows twin of scripts/run: installs the app into .venv (first run, and again only when
  pyproject.toml changed), writes the launcher juesuan.cmd beside .venv, and opens the window on
  the built-in sample.

.DESCRIPTION
  From the repository root:

      powershell -NoProfile -ExecutionPolicy Bypass -File scripts\run.ps1

  With arguments, runs `juesuan <arguments>` instead of opening the sample (scripts\run.ps1 list).
  This file is UTF-8 with a byte-order mark, so that Windows PowerShell 5.1 reads its Chinese text.
#>
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
. (Join-Path $PSScriptRoot "_install.ps1")
Install-Juesuan -Venv ".venv"

# The launcher: juesuan.cmd in the repository folder, beside .venv.
$Launcher = Join-Path $Root "juesuan.cmd"
$Text = "@echo off`r`nrem juesuan launcher written by scripts\run.ps1; run it again to update.`r`n" +
    "`"%~dp0.venv\Scripts\juesuan.exe`" %*`r`n"
$Fresh = -not (Test-Path $Launcher)
[IO.File]::WriteAllText($Launcher, $Text, (New-Object Text.ASCIIEncoding))
$UserPath = [Environment]::GetEnvironmentVariable("Path", "User")
$OnPath = @(($UserPath + ";" + $env:Path) -split ";" | Where-Object { $_ -and ($_.TrimEnd("\") -eq $Root.TrimEnd("\")) }).Count -gt 0
if ($Fresh) { Write-Host "已写入启动命令 $Launcher。" }
if (-not $OnPath) {
    Write-Host "注意：$Root 不在 PATH 中，新的终端还找不到 juesuan。把它加入当前用户的 PATH："
    Write-Host "    [Environment]::SetEnvironmentVariable('Path', [Environment]::GetEnvironmentVariable('Path', 'User') + ';$Root', 'User')"
    Write-Host "然后打开一个新的 PowerShell 窗口。在此之前可用 $Launcher 代替 juesuan。"
} elseif ($Fresh) {
    Write-Host "以后在新的终端里直接运行 juesuan 即可。"
}

$Juesuan = Join-Path $Root ".venv\Scripts\juesuan.exe"
if ($args.Count -gt 0) {
    & $Juesuan @args
    exit $LASTEXITCODE
}
Write-Host "正在打开窗口（内置样例）……"
& $Juesuan --sample
exit $LASTEXITCODE
