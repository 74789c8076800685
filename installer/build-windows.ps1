<#
.SYNOPSIS
  Builds 决算公开助手 for Windows: the one-folder app (PyInstaller), a check of it, and the setup .exe
  (Inno Setup).

.DESCRIPTION
  Needs a Windows 10/11 x64 machine with Python 3.11+ (python.org installer, with the "py" launcher)
  and Inno Setup 6.5+ (ships the Chinese Simplified language file). From the repository root:

      powershell -NoProfile -ExecutionPolicy Bypass -File installer\build-windows.ps1

  Steps: .venv (created if missing; pip install -e . and PyInstaller), PyInstaller with
  installer\juesuan.spec, a check of the built app (version, sample export, window self-test), then
  ISCC with installer\juesuan.iss.

  Output:
      installer\dist\juesuan\juesuan.exe             the app (windowed), juesuan-cli.exe (console)
      installer\dist\juesuan-<版本>-win64-setup.exe  the installer: per user, no administrator

  This file is UTF-8 with a byte-order mark, so that Windows PowerShell 5.1 reads its Chinese text.

.PARAMETER Python
  Python used to create .venv when it does not exist (default: "py -3", else "python").

.PARAMETER Iscc
  Path of ISCC.exe (default: ISCC on PATH, then the usual Inno Setup 6 folders).

.PARAMETER SkipSetup
  Build and check the app folder only; do not run Inno Setup.
#>
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$SkipSetup
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Native([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed (exit code $LASTEXITCODE)" }
}

# 1. Build environment: the repository's .venv with the app and PyInstaller.
$VenvPython = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) { Invoke-Native $Python @("-m", "venv", ".venv") }
    elseif (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Native "py" @("-3", "-m", "venv", ".venv") }
    else { Invoke-Native "python" @("-m", "venv", ".venv") }
}
Invoke-Native $VenvPython @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Native $VenvPython @("-m", "pip", "install", "--quiet", "-e", ".", "pyinstaller>=6.10,<7")

$Version = (Get-Content "src\desktop\__init__.py" -Encoding UTF8 |
    Select-String '^__version__ = "(.+)"$').Matches[0].Groups[1].Value
$NumericVersion = ($Version -replace '[^0-9.].*$', '').TrimEnd('.')
Write-Host "== 决算公开助手 $Version"

# 2. The app folder.
$Timer = [Diagnostics.Stopwatch]::StartNew()
Invoke-Native $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "installer\dist", "--workpath", "installer\build", "installer\juesuan.spec")
$Bundle = Join-Path $Root "installer\dist\juesuan"
$App = Join-Path $Bundle "juesuan.exe"
$Cli = Join-Path $Bundle "juesuan-cli.exe"
$Bytes = (Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum
Write-Host ("== {0}: {1:N0} MB, built in {2:N0} s" -f $Bundle, ($Bytes / 1MB), $Timer.Elapsed.TotalSeconds)

# 3. Check the build, with its data and cache in a temporary folder (not the build user's).
$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("juesuan-check-" + [Guid]::NewGuid().ToString("N"))
New-Item -ItemType Directory -Path $Tmp | Out-Null
$Saved = @{ APPDATA = $env:APPDATA; LOCALAPPDATA = $env:LOCALAPPDATA }
$env:APPDATA = Join-Path $Tmp "Roaming"
$env:LOCALAPPDATA = Join-Path $Tmp "Local"
try {
    $Out = (& $Cli --version | Out-String)
    if ($LASTEXITCODE -ne 0 -or $Out -notmatch [regex]::Escape("juesuan $Version")) {
        throw "juesuan-cli.exe --version: exit $LASTEXITCODE, output: $Out"
    }
    $Docx = Join-Path $Tmp "sample.docx"
    $P = Start-Process -FilePath $App -ArgumentList @("export", "--sample", "-o", "`"$Docx`"") -Wait -PassThru
    if ($P.ExitCode -ne 0 -or -not (Test-Path $Docx)) { throw "juesuan.exe export --sample: exit $($P.ExitCode)" }
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $Zip = [IO.Compression.ZipFile]::OpenRead($Docx)
    try {
        $Entry = $Zip.GetEntry("word/document.xml")
        if ($null -eq $Entry) { throw "$Docx has no word/document.xml" }
        $Reader = New-Object IO.StreamReader($Entry.Open(), [Text.Encoding]::UTF8)
        $Xml = $Reader.ReadToEnd()
        $Reader.Close()
    } finally { $Zip.Dispose() }
    $Text = [regex]::Replace($Xml, "<[^>]+>", "")
    if (-not $Text.Contains("单位决算公开")) { throw "$Docx does not contain 单位决算公开" }
    # Window self-test (rthook_juesuan.py): the window on the sample and a QtAgg chart, saved as PNG.
    $Png = Join-Path $Tmp "window.png"
    $env:JUESUAN_SELFTEST = $Png
    try { $P = Start-Process -FilePath $App -Wait -PassThru } finally { Remove-Item Env:JUESUAN_SELFTEST }
    if ($P.ExitCode -ne 0 -or -not (Test-Path $Png)) {
        $Log = Join-Path $env:APPDATA "juesuan\logs\juesuan.log"
        if (Test-Path $Log) { Get-Content $Log -Encoding UTF8 -Tail 40 | Write-Host }
        throw "window self-test failed (exit $($P.ExitCode))"
    }
    if (-not (Get-ChildItem (Join-Path $env:LOCALAPPDATA "juesuan\matplotlib") -Filter "fontlist-*.json")) {
        throw "no matplotlib font cache in %LOCALAPPDATA%\juesuan\matplotlib"
    }
    Write-Host "== check passed: --version, export --sample, window self-test"
} finally {
    $env:APPDATA = $Saved.APPDATA
    $env:LOCALAPPDATA = $Saved.LOCALAPPDATA
    Remove-Item -Recurse -Force $Tmp -ErrorAction SilentlyContinue
}

if ($SkipSetup) { exit 0 }

# 4. The setup .exe.
if (-not $Iscc) {
    $Found = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
    $Candidates = @()
    if ($Found) { $Candidates += $Found.Source }
    foreach ($Base in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, (Join-Path $env:LOCALAPPDATA "Programs"))) {
        if ($Base) { $Candidates += (Join-Path $Base "Inno Setup 6\ISCC.exe") }
    }
    $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $Iscc) { throw "ISCC.exe not found: install Inno Setup 6.5+ or pass -Iscc <path>" }
}
$Isl = Join-Path (Split-Path -Parent $Iscc) "Languages\ChineseSimplified.isl"
if (-not (Test-Path $Isl)) {
    throw "$Isl is missing: Inno Setup 6.5+ ships it (older versions: see docs\build.md)"
}
Invoke-Native $Iscc @("/Q", "/DAppVersion=$Version", "/DAppNumericVersion=$NumericVersion", "installer\juesuan.iss")
$Setup = Join-Path $Root "installer\dist\juesuan-$Version-win64-setup.exe"
Write-Host ("== {0}: {1:N0} MB" -f $Setup, ((Get-Item $Setup).Length / 1MB))
