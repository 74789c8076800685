<#
.SYNOPSIS
  Windows twin of scripts/test: installs everything into .venv (first run, and again only when
  pyproject.toml changed) and runs ruff, mypy --strict, import-linter and pytest.

.DESCRIPTION
  From the repository root:

      powershell -NoProfile -ExecutionPolicy Bypass -File scripts\test.ps1 [pytest options]
      powershell -NoProfile -ExecutionPolicy Bypass -File scripts\test.ps1 -NoQt [pytest options]

  -NoQt runs the tests of everything but the window in .venv-noqt, a venv without PySide6.
  This file is UTF-8 with a byte-order mark, so that Windows PowerShell 5.1 reads its Chinese text.
#>
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
. (Join-Path $PSScriptRoot "_install.ps1")
if (-not $env:QT_QPA_PLATFORM) { $env:QT_QPA_PLATFORM = "offscreen" }
$env:PYTHONUTF8 = "1"

function Invoke-Pytest([string]$Python, [string[]]$Arguments) {
    & $Python -m pytest -q @Arguments
    $Code = $LASTEXITCODE
    if ($Code -eq 5) { Write-Host "pytest ran no tests: failing"; exit 1 }
    exit $Code
}

$Rest = @($args)
if ($Rest.Count -gt 0 -and $Rest[0] -eq "-NoQt") {
    $Rest = @($Rest | Select-Object -Skip 1)
    Install-JuesuanNoQt -Venv ".venv-noqt"
    $env:MPLCONFIGDIR = Join-Path $Root ".venv-noqt\mplconfig"
    Write-Host "== pytest without PySide6 (.venv-noqt)"
    if ($Rest.Count -eq 0) {
        $Rest = @("tests/core", "tests/sections", "tests/storage", "tests/export", "tests/importing",
            "tests/profiles", "tests/cli")
    }
    Invoke-Pytest (Join-Path $Root ".venv-noqt\Scripts\python.exe") $Rest
}

Install-Juesuan -Venv ".venv" -Extra "test"
$env:MPLCONFIGDIR = Join-Path $Root ".venv\mplconfig"
$Bin = Join-Path $Root ".venv\Scripts"
foreach ($Step in @(@("ruff", "check", "src", "tests", "scripts", "bench"), @("mypy"), @("lint-imports"))) {
    Write-Host "== $($Step[0])"
    $StepArgs = @($Step | Select-Object -Skip 1)
    & (Join-Path $Bin "$($Step[0]).exe") @StepArgs
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
Write-Host "== pytest"
Invoke-Pytest (Join-Path $Bin "python.exe") $Rest
