; Inno Setup script: installs the PyInstaller folder dist\axial for the current user (no administrator rights needed),
; with a Start menu entry and .axial files opening in Axial. UNTESTED: written for the release workflow's Windows
; runner (.github/workflows/release.yml), never run by the developers who wrote it.
; Build: iscc /DAppVersion=0.1.0 packaging\windows\axial.iss   (from the source tree, after PyInstaller)

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{9AB937CA-7B72-4D12-BC60-16AD17C2A9DA}
AppName=Axial
AppVersion={#AppVersion}
AppPublisher=Axial developers
DefaultDirName={autopf}\Axial
DefaultGroupName=Axial
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=Axial-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\axial-desktop.exe
LicenseFile=..\..\LICENSE

[Files]
Source: "..\..\dist\axial\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Axial"; Filename: "{app}\axial-desktop.exe"
Name: "{autodesktop}\Axial"; Filename: "{app}\axial-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; .axial -> Axial.Project -> axial-desktop.exe "%1" (per user when installed without administrator rights).
Root: HKA; Subkey: "Software\Classes\.axial"; ValueType: string; ValueName: ""; ValueData: "Axial.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Axial.Project"; ValueType: string; ValueName: ""; ValueData: "Axial project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Axial.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\axial-desktop.exe,0"
Root: HKA; Subkey: "Software\Classes\Axial.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\axial-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\axial-desktop.exe"; Description: "Start Axial"; Flags: nowait postinstall skipifsilent
