# Sidecar image: the static ollama-doctor and nothing else (no shell, no CA
# store). It copies build/ollama-doctor-static, so build that first:
#   make static
#   docker build -t ollama-doctor .
#   docker run --rm --network container:docker-plugin_daemon-1 ollama-doctor -u http://host.docker.internal:11434
# https:// candidates need a CA store: add -v /etc/ssl/certs:/etc/ssl/certs:ro
FROM scratch
COPY build/ollama-doctor-static /ollama-doctor
ENTRYPOINT ["/ollama-doctor"]
