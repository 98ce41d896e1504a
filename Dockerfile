# secret-postrenderer as an image: reads rendered YAML on stdin, writes converted YAML on stdout.
#   helm template app ./chart | docker run --rm -i secret-postrenderer --no-populate > app.yaml
# Builds for the platform asked for (docker build: the machine's own; buildx --platform linux/amd64,linux/arm64:
# each): the SDK stage runs on the target's CPU (under emulation on another one), because the binary is NativeAOT
# machine code and the SDK image has no cross toolchain; an arm64 image holds an arm64 binary. The release workflow
# passes VERSION (the tag), REVISION (the commit) and SOURCE_URL.
# Base images: the tags below are what a local build uses. A release pins each to its digest when it builds:
# release.yml runs tests/tools/pin-base-images.sh (`docker buildx imagetools inspect` on each tag) and passes
# SDK_IMAGE and RUNTIME_DEPS_IMAGE as NAME:TAG@sha256:DIGEST build args, so the released image was built from
# exactly the images its provenance and its org.opencontainers.image.base.name label name. A digest is not
# written here: it would go stale with every patch of the .NET images, and nothing here can look one up.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_DEPS_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${SDK_IMAGE} AS build
ARG TARGETARCH
# NativeAOT links with clang (README "Quick start").
RUN apt-get update && apt-get install -y --no-install-recommends clang && rm -rf /var/lib/apt/lists/*
ARG VERSION=
ARG REVISION=
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# The README's publish command (dotnet publish src/PostRenderer.Cli -c Release -o out) for the target's runtime
# identifier: a NativeAOT executable, so the runtime image needs no .NET.
RUN case "$TARGETARCH" in amd64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;; *) echo "unsupported TARGETARCH $TARGETARCH" >&2; exit 1 ;; esac \
 && dotnet publish src/PostRenderer.Cli -c Release -r "$rid" -o out \
      -p:ContinuousIntegrationBuild=true ${VERSION:+-p:Version=${VERSION#v}} ${REVISION:+-p:SourceRevisionId=$REVISION}

# runtime-deps: only the native libraries a .NET program needs (libc, and OpenSSL for HTTPS to the stores).
FROM ${RUNTIME_DEPS_IMAGE}
ARG RUNTIME_DEPS_IMAGE
ARG VERSION=
ARG REVISION=
ARG SOURCE_URL=https://github.com/secret-postrenderer/secret-postrenderer
LABEL org.opencontainers.image.base.name="$RUNTIME_DEPS_IMAGE" \
      org.opencontainers.image.title="secret-postrenderer" \
      org.opencontainers.image.description="helm post-renderer: every Secret becomes an External Secrets Operator ExternalSecret" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="$SOURCE_URL" \
      org.opencontainers.image.url="$SOURCE_URL" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION"
COPY --from=build /src/out/secret-postrenderer /usr/local/bin/secret-postrenderer
# The built-in non-root user of the .NET images; the local file store then lives in its home.
USER app
WORKDIR /home/app
ENTRYPOINT ["/usr/local/bin/secret-postrenderer"]
