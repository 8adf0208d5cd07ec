; Inno Setup 6 script for dxlearn (自治体DX研修). Built by `python installer\build.py` on Windows,
; which passes AppVersion, SourceDir (the PyInstaller bundle) and OutputDir:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\dist\dxlearn /DOutputDir=..\dist installer\dxlearn.iss
;
; Per user by default, without administrator rights (%LOCALAPPDATA%\Programs\dxlearn);
; for all users (C:\Program Files\dxlearn) when run elevated with /ALLUSERS or chosen in the
; dialog. Silent: setup.exe /VERYSILENT /SUPPRESSMSGBOXES /ALLUSERS /POLICY=\\server\share\policy.toml
;
; An organisation policy is placed beside dxlearn.exe when supplied, either with
; /POLICY=<path> or as a policy.toml next to setup.exe (/POLICY wins when both exist).
;
; Uninstalling removes the program only. Learners' progress (%LOCALAPPDATA%\dxlearn, or the
; policy's data_dir) is never deleted: this script has no [UninstallDelete] for it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\dxlearn"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
AppId={{7169B1C3-835C-45CB-95AB-65323C396144}
AppName=自治体DX研修 (dxlearn)
AppVersion={#AppVersion}
AppVerName=自治体DX研修 (dxlearn) {#AppVersion}
AppPublisher=dxlearn
DefaultDirName={autopf}\dxlearn
DefaultGroupName=自治体DX研修
DisableProgramGroupPage=yes
DisableDirPage=auto
; per-user by default; /ALLUSERS (elevated) or the dialog installs for all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=dxlearn-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=自治体DX研修 (dxlearn) {#AppVersion}
UninstallDisplayIcon={app}\dxlearn.exe
; close a running dxlearn before files are replaced (Restart Manager)
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; the commented example of every policy key (installer\policy.toml.example, beside this script)
Source: "policy.toml.example"; DestDir: "{app}"; Flags: ignoreversion
; an organisation policy next to setup.exe
Source: "{src}\policy.toml"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist ignoreversion
; or named on the command line: /POLICY=<path> (checked in InitializeSetup)
Source: "{code:PolicySource}"; DestDir: "{app}"; DestName: "policy.toml"; Flags: external skipifsourcedoesntexist ignoreversion; Check: HasPolicyParam

[Icons]
Name: "{autoprograms}\自治体DX研修"; Filename: "{app}\dxlearn.exe"; Comment: "自治体DXリテラシー研修"
Name: "{autodesktop}\自治体DX研修"; Filename: "{app}\dxlearn.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\dxlearn.exe"; Description: "{cm:LaunchProgram,自治体DX研修}"; Flags: nowait postinstall skipifsilent

[Code]
function PolicyParam(): String;
begin
  Result := ExpandConstant('{param:POLICY|}');
end;

function PolicySource(Param: String): String;
begin
  Result := PolicyParam();
end;

function HasPolicyParam(): Boolean;
begin
  Result := PolicyParam() <> '';
end;

function InitializeSetup(): Boolean;
begin
  Result := True;
  if HasPolicyParam() and not FileExists(PolicyParam()) then
  begin
    Log('policy file not found: ' + PolicyParam());
    SuppressibleMsgBox('/POLICY で指定された設定ファイルが見つかりません: ' + PolicyParam(),
      mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;
