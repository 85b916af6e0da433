#!/bin/sh
# --model against the fake Ollama: present, absent with near names, vision,
# embedding, tools, an old server without "capabilities", --model-type
# mismatches, --deep; app_settings field by field.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1
ollama_at ol :: 11434 || exit 1
set_is() { jqt ".recommendation.app_settings == $1"; }

doctor -t 800 -m llava
ok "llava means llava:latest: found, vision, no tools" jqt '.context.model.found == true and .context.model.name == "llava:latest"'
ok "llava: app_settings for Dify" set_is '{"base_url": "http://172.17.0.1:11434", "model": "llava:latest", "model_type": "llm", "context_size": 4096, "max_tokens": 4096, "vision_support": true, "function_call_support": false, "context_size_reason": .recommendation.app_settings.context_size_reason}'
ok "llava: capabilities read from /api/show" jqt '.context.model.capabilities == ["completion", "vision"] and .context.model.capabilities_source == "show"'
ok "llava: exit 0, no finding" sh -c "[ $RC -eq 0 ] && jq -e '.findings == []' $W/out.json"
doctor_host -t 800 -m llava
ok "host vantage with --model: the model is checked and host facts are still there" jqt '.context.model.found == true and (.context.host | type) == "object" and (.context.listeners | length) > 0'
doctor -t 800 -m llama3.2
ok "llama3.2: tools -> function call support, context capped at Ollama's default 4096" jqt '.recommendation.app_settings.function_call_support == true and .recommendation.app_settings.vision_support == false and .recommendation.app_settings.context_size == 4096 and .context.model.context_length == 131072'
ok "the context size says why" jqt '.recommendation.app_settings.context_size_reason | test("num_ctx")'
doctor -t 800 -m nomic-embed-text --model-type embedding
ok "embedding model as embedding: text-embedding, num_ctx 8192 capped by trained 2048" jqt '.recommendation.app_settings.model_type == "text-embedding" and .recommendation.app_settings.context_size == 2048 and .context.model.num_ctx == 8192'
doctor -t 800 -m nomic-embed-text
ok "embedding model for chat: model-type-mismatch" jqt '[.findings[].id] == ["model-type-mismatch"]'
doctor -t 800 -m llama3.2 --model-type embedding
ok "chat model as embedding: model-type-mismatch" jqt '[.findings[].id] == ["model-type-mismatch"]'
doctor -t 800 -m llama3
ok "absent model: model-not-found, exit 1" sh -c "[ $RC -eq 1 ] && jq -e '[.findings[].id] == [\"model-not-found\"]' $W/out.json"
ok "absent model: the closest installed names" jqt '.context.model.closest | index("llama3.2:latest") != null'
ok "absent model: the pull command" jqt '[.findings[0].fixes[].commands[]] | index("ollama pull llama3") != null'
ok "absent model: no app_settings" jqt '.recommendation.app_settings == null'
stop ol

ollama_at ol :: 11434 --version 0.5.7 || exit 1
doctor -t 800 -m llava
ok "old server without capabilities: derived from projector_info / pooling_type" jqt '.context.model.capabilities_source == "derived" and (.context.model.capabilities | index("vision") != null) and .recommendation.app_settings.vision_support == true'
doctor -t 800 -m nomic-embed-text --model-type embedding
ok "old server: embedding derived from <arch>.pooling_type" jqt '.recommendation.app_settings.model_type == "text-embedding"'
stop ol

# Context sizes no server should state (test_model covers names that need
# JSON escaping: Ollama, and the fake, refuse such names).
cat >"$W/odd-models.json" <<'JSON'
[{"name": "odd", "family": "llama", "capabilities": ["completion"], "context_length": 9223372036854775807, "num_ctx": -5}]
JSON
ollama_at ol :: 11434 --models "$W/odd-models.json" || exit 1
doctor -t 800 -m odd
ok "context_length 2^63-1 and num_ctx -5 are not context sizes: Ollama's default stands" \
    jqt '.context.model.context_length == null and .context.model.num_ctx == null and .recommendation.app_settings.context_size == 4096'
stop ol

ollama_at ol :: 11434 --load-delay 1 || exit 1
doctor -t 800 -m llava --deep
ok "--deep: the load is timed and /api/ps gives the context" jqt '.context.model.deep.load_ms >= 900 and .context.model.deep.done_reason == "load" and .context.model.deep.context_length == 4096'
ok "--deep: app_settings context from /api/ps" jqt '.recommendation.app_settings.context_size_reason | test("api/ps")'
ip netns exec "$C" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$OD_BIN" --vantage container -t 800 -m llava >"$W/out.txt" 2>&1
ok "text: the Dify settings block, field by field" sh -c "grep -q 'Dify settings' $W/out.txt && grep -q 'Model Name *llava:latest' $W/out.txt && grep -q 'Vision support *Yes' $W/out.txt && grep -q 'Base URL *http://172.17.0.1:11434' $W/out.txt"
finish
