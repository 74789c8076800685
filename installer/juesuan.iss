; 决算公开助手 — Inno Setup script: one setup .exe that installs for the current user, without
; administrator rights, and works offline.
;
; Build on Windows with installer\build-windows.ps1 (see docs\build.md), which first builds the app
; folder with PyInstaller (installer\dist\juesuan) and then runs:
;   ISCC.exe /DAppVersion=<version> installer\juesuan.iss
; Output: installer\dist\juesuan-<version>-win64-setup.exe
;
; Needs Inno Setup 6.5 or later, which ships Languages\ChineseSimplified.isl. With an older Inno
; Setup, pass the translation file explicitly: /DChineseIsl=C:\path\ChineseSimplified.isl
; This file is UTF-8 with a byte-order mark: Inno Setup reads the Chinese text correctly only then.
;
; Silent install / uninstall (e.g. by an IT department):
;   juesuan-<version>-win64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES [/ALLUSERS] [/TASKS=desktopicon]
;   "%LOCALAPPDATA%\Programs\juesuan\unins000.exe" /VERYSILENT [/DELETEUSERDATA]

#define AppName "决算公开助手"
#define AppExe "juesuan.exe"
#define AppPublisher "决算公开助手"
; The bundle from PyInstaller (installer\juesuan.spec, name "juesuan"), relative to this file.
#ifndef BundleDir
  #define BundleDir "dist\juesuan"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + BundleDir + "\" + AppExe)
#endif
; VersionInfoVersion accepts only numbers (a.b.c.d); build-windows.ps1 passes the numeric part.
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef ChineseIsl
  #if VER < EncodeVer(6,5,0)
    #error 需要 Inno Setup 6.5 或更高版本（自带 Languages\ChineseSimplified.isl），或者用 /DChineseIsl=路径 指定简体中文语言文件
  #endif
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

[Setup]
; AppId never changes: upgrades install over the same copy and the uninstaller finds it.
AppId={{AEFA1063-6F52-4631-9DA2-67DE2010A649}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Per user, no administrator: {autopf} is %LOCALAPPDATA%\Programs here. An IT department can still
; install for all users with /ALLUSERS on the command line (then it asks for administrator rights).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\juesuan
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
SetupIconFile=icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
ShowLanguageDialog=no
OutputDir=dist
OutputBaseFilename=juesuan-{#AppVersion}-win64-setup
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"

[CustomMessages]
chinesesimplified.AppComment=填报、检查并导出单位决算公开文档
chinesesimplified.AssocDescription=决算公开交换文件
chinesesimplified.DeleteUserData=是否同时删除您的数据库、备份和日志？%n%n%1%n%n选择“否”将保留这些数据，重新安装后可以继续使用。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not keep libraries of the previous version next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; Interchange files (*.juesuan, JSON inside) open with the program: juesuan.exe "%1".
Root: HKA; Subkey: "Software\Classes\.juesuan"; ValueType: string; ValueName: ""; ValueData: "juesuan.case"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.juesuan\OpenWithProgids"; ValueType: string; ValueName: "juesuan.case"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\juesuan.case"; ValueType: string; ValueName: ""; ValueData: "{cm:AssocDescription}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\juesuan.case\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\juesuan.case\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".juesuan"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; matplotlib's font cache (rthook_juesuan.py): a cache, always removed.
Type: filesandordirs; Name: "{localappdata}\juesuan"

[Code]
{ The database, its backups and the log stay in %APPDATA%\juesuan unless the user says otherwise
  (a silent uninstall keeps them unless /DELETEUSERDATA is given). }

function UserDataDir(): String;
begin
  Result := ExpandConstant('{userappdata}\juesuan');
end;

function DeleteUserDataRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEUSERDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DeleteData: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DeleteData := DeleteUserDataRequested();
  if not DeleteData and not UninstallSilent() and DirExists(UserDataDir()) then
    DeleteData := MsgBox(FmtMessage(CustomMessage('DeleteUserData'), [UserDataDir()]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if DeleteData then
  begin
    DelTree(UserDataDir(), True, True, True);
    { QSettings of the window (recent cases, export folder) }
    RegDeleteKeyIncludingSubkeys(HKCU, 'Software\juesuan');
  end;
end;
