# secret-postrenderer as an image: reads rendered YAML on stdin, writes converted YAML on stdout.
#   helm template app ./chart | docker run --rm -i secret-postrenderer --no-populate > app.yaml
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# The README's publish command: a self-contained single file, so the runtime image needs no .NET.
RUN dotnet publish src/PostRenderer.Cli -c Release -o out

# runtime-deps: only the native libraries a self-contained .NET program needs.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
LABEL org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /src/out/secret-postrenderer /usr/local/bin/secret-postrenderer
# The built-in non-root user of the .NET images; the local file store then lives in its home.
USER app
WORKDIR /home/app
ENTRYPOINT ["/usr/local/bin/secret-postrenderer"]
