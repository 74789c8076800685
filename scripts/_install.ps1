<#
  Shared install step of scripts\run.ps1 and scripts\test.ps1 (dot-sourced, not run); the
  PowerShell twin of scripts/_install.sh.

    Install-Juesuan -Venv .venv [-Extra test]   the app (and the test tools)
    Install-JuesuanNoQt -Venv .venv-noqt        the app and pytest without PySide6 (test.ps1 -NoQt)

  Checks the Python version before anything is created, creates the venv once, and installs again
  only when pyproject.toml changed since the last install (<venv>\.juesuan-installed keeps its
  SHA-256 and the extras installed). A venv this run created and could not finish is removed.
  This file is UTF-8 with a byte-order mark, so that Windows PowerShell 5.1 reads its Chinese text.
#>

function Stop-Juesuan([string]$Message) {
    Write-Host "错误：$Message" -ForegroundColor Red
    exit 1
}

# The Python to build the venv with: $env:PYTHON, else "py -3", else "python".
function Get-JuesuanPython {
    $ErrorActionPreference = "Continue"  # PowerShell 5.1 makes a native stderr line an error
    if ($env:PYTHON) { $Candidates = @(, @($env:PYTHON)) }
    else { $Candidates = @(@("py", "-3"), @("python")) }
    foreach ($Candidate in $Candidates) {
        $Exe = $Candidate[0]
        $Rest = @($Candidate | Select-Object -Skip 1)
        if (-not (Get-Command $Exe -ErrorAction SilentlyContinue)) { continue }
        $Version = & $Exe @Rest -c "import sys; print('%d.%d.%d' % sys.version_info[:3])" 2>$null
        if ($LASTEXITCODE -ne 0 -or -not $Version) { continue }
        & $Exe @Rest -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>$null
        if ($LASTEXITCODE -ne 0) {
            Stop-Juesuan ("需要 Python 3.11 或更高版本，而“$($Candidate -join ' ')”是 $Version。" +
                "请从 python.org 安装 Python 3.11+（勾选 py launcher）后重新运行，" +
                "或设置 `$env:PYTHON 指定 python.exe；没有创建任何文件。")
        }
        return , $Candidate
    }
    Stop-Juesuan ("找不到 Python。请从 python.org 安装 Python 3.11 或更高版本（勾选 py launcher）后" +
        "重新运行，或设置 `$env:PYTHON 指定 python.exe。")
}

function Get-JuesuanHash([string]$Venv) {
    & (Join-Path $Venv "Scripts\python.exe") -c "import hashlib; print(hashlib.sha256(open('pyproject.toml', 'rb').read()).hexdigest())"
}

function Test-JuesuanInstalled([string]$Venv, [string]$Extra) {
    $Stamp = Join-Path $Venv ".juesuan-installed"
    if (-not (Test-Path $Stamp)) { return $false }
    $Lines = @(Get-Content $Stamp -Encoding UTF8)
    if ($Lines[0] -ne (Get-JuesuanHash $Venv)) { return $false }
    return (-not $Extra) -or ($Lines | Select-Object -Skip 1) -contains $Extra
}

# Creates the venv when it is missing, too old or damaged; returns $true when this run created it.
function New-JuesuanVenv([string]$Venv) {
    $ErrorActionPreference = "Continue"
    $VenvPython = Join-Path $Venv "Scripts\python.exe"
    if (Test-Path $VenvPython) {
        & $VenvPython -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>$null
        if ($LASTEXITCODE -eq 0) { return $false }
    }
    $Python = Get-JuesuanPython
    if (Test-Path $Venv) {
        Write-Host "“$Venv”不可用（Python 版本过旧或已损坏），重新创建。"
        Remove-Item -Recurse -Force $Venv
    }
    Write-Host "正在创建 $Venv ……"
    $Rest = @($Python | Select-Object -Skip 1)
    & $Python[0] @Rest -m venv $Venv | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Remove-Item -Recurse -Force $Venv -ErrorAction SilentlyContinue
        Stop-Juesuan "无法创建“$Venv”。请检查磁盘空间和 Python 安装后重新运行。"
    }
    & $VenvPython -m pip install --quiet --upgrade pip 2>$null | Out-Null
    return $true
}

function Invoke-JuesuanPip([string]$Venv, [bool]$Created, [string[]]$Arguments) {
    $ErrorActionPreference = "Continue"
    & (Join-Path $Venv "Scripts\python.exe") -m pip install --quiet @Arguments
    if ($LASTEXITCODE -eq 0) { return }
    if ($Created) { Remove-Item -Recurse -Force $Venv -ErrorAction SilentlyContinue }
    else { Remove-Item -Force (Join-Path $Venv ".juesuan-installed") -ErrorAction SilentlyContinue }
    Stop-Juesuan ("安装 Python 包失败（pip 的输出见上）。请检查网络或软件源后重新运行；" +
        "不完整的安装已清除，下次运行会重新安装。")
}

function Set-JuesuanStamp([string]$Venv, [string[]]$Extras) {
    $Lines = @(Get-JuesuanHash $Venv) + $Extras
    [IO.File]::WriteAllLines((Join-Path (Resolve-Path $Venv) ".juesuan-installed"), [string[]]$Lines)
}

function Install-Juesuan([string]$Venv, [string]$Extra = "") {
    $Created = New-JuesuanVenv $Venv
    if (Test-JuesuanInstalled $Venv $Extra) { return }
    Write-Host "正在安装（只在第一次和 pyproject.toml 改动后进行）……"
    $Target = if ($Extra) { ".[$Extra]" } else { "." }
    Invoke-JuesuanPip $Venv $Created @("-e", $Target)
    Set-JuesuanStamp $Venv @($Extra | Where-Object { $_ })
}

function Install-JuesuanNoQt([string]$Venv) {
    $Created = New-JuesuanVenv $Venv
    if (Test-JuesuanInstalled $Venv "noqt") { return }
    Write-Host "正在安装无 Qt 的测试环境 $Venv（不含 PySide6、pytest-qt）……"
    $Code = "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; " +
        "out = ('pyside6', 'pytest-qt', 'ruff', 'mypy', 'import-linter'); " +
        "print('\n'.join(d for d in p['dependencies'] + p['optional-dependencies']['test'] " +
        "if not d.lower().startswith(out)))"
    $Requirements = @(& (Join-Path $Venv "Scripts\python.exe") -c $Code)
    Invoke-JuesuanPip $Venv $Created $Requirements
    Invoke-JuesuanPip $Venv $Created @("--no-deps", "-e", ".")
    Set-JuesuanStamp $Venv @("noqt")
}
