# The sidecar image: the static ollama-doctor and nothing else (FROM scratch:
# no shell, no libraries, no CA store). `make image` builds it from
# build/ollama-doctor-static (`make image ARCH=arm64`: from the arm64 binary).
#
#   docker run --rm --network container:APP ollama-doctor -u http://host.docker.internal:11434
#   docker run --rm --network container:APP --pid container:APP ollama-doctor          (reads the app's environment)
#   docker run --rm --network container:APP -v "$PWD:/out" ollama-doctor bundle        (the bundle lands in $PWD)
#
# https:// candidates need a CA store: add -v /etc/ssl/certs:/etc/ssl/certs:ro
ARG BIN=build/ollama-doctor-static
FROM scratch
ARG BIN
COPY ${BIN} /ollama-doctor
# A sidecar shares the app's network, not its environment: the report says so
# (context.app_env) unless it can read the app's (shared PID namespace, or
# the Docker socket mounted).
ENV OLLAMA_DOCTOR_SIDECAR=1
# `bundle` writes here; mount a directory on it, or the file is lost with the
# container (the doctor refuses to write it then).
WORKDIR /out
ENTRYPOINT ["/ollama-doctor"]
LABEL org.opencontainers.image.title="ollama-doctor" \
      org.opencontainers.image.description="Why can't my containerised app reach Ollama? A sidecar: docker run --rm --network container:APP ollama-doctor" \
      org.opencontainers.image.licenses="MIT"
