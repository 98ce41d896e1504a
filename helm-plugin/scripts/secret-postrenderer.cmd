@echo off
rem Helm 4 runs this for the secret-postrenderer plugin on Windows (see ..\plugin.yaml), stdin and stdout passed
rem through. bin\secret-postrenderer.exe inside the plugin wins, else secret-postrenderer.exe from PATH.
rem Helm 4 discards a plugin's stderr, so the tool's messages of the last run are kept in
rem %HELM_CACHE_HOME%\secret-postrenderer\last-run.log (default %TEMP%\helm\secret-postrenderer\last-run.log).
setlocal
set "binary=%HELM_PLUGIN_DIR%\bin\secret-postrenderer.exe"
if not exist "%binary%" set "binary=secret-postrenderer.exe"
set "cache=%HELM_CACHE_HOME%"
if "%cache%"=="" set "cache=%TEMP%\helm"
set "logdir=%cache%\secret-postrenderer"
if not exist "%logdir%" mkdir "%logdir%" 2>nul
"%binary%" %* 2>"%logdir%\last-run.log"
set "status=%ERRORLEVEL%"
if not "%status%"=="0" type "%logdir%\last-run.log" 1>&2
exit /b %status%
