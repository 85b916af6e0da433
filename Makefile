# ollama-doctor — build, test, run.  See README.md.
PROG      := ollama-doctor
VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     := build
PKGS      := libcurl libcares libcjson libarchive
DEB_PKGS  := build-essential pkg-config libcurl4-openssl-dev libc-ares-dev libcjson-dev libarchive-dev
TEST_DEBS := libcmocka-dev iproute2 iptables python3 curl jq docker.io busybox-static cmark-gfm zsh fish time

CC        ?= cc
WARN      := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CPPFLAGS  += -D_GNU_SOURCE -DOD_VERSION='"$(VERSION)"' -I$(BUILD)/gen
CFLAGS    ?= -O2 -g
# tools/build-static.sh builds the static binaries through these same rules:
# it sets CC (musl), CFLAGS, LDFLAGS=-static, PKG_STATIC=--static, BUILD (its own
# object directory), OD_BUILD_INFO (what --version says of the build) and
# PKG_CONFIG_LIBDIR (in the environment) to its libraries.
PKG_STATIC ?=
OD_BUILD_INFO ?=
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libarchive is opened with dlopen when a bundle is written (src/archive_dl.h),
# so check and explain do not load it and its dozen libraries at every start;
# its soname is read off the library found here. A static build links it.
ifeq ($(PKG_STATIC),)
LINK_PKGS  := $(filter-out libarchive,$(PKGS))
ARCHIVE_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libarchive)/libarchive.so" 2>/dev/null \
                   | sed -n 's/^ *SONAME *//p')
CPPFLAGS  += -DOD_ARCHIVE_SONAME='"$(or $(ARCHIVE_SONAME),libarchive.so.13)"'
LDLIBS    += -ldl
else
LINK_PKGS  := $(PKGS)
CPPFLAGS  += -DOD_ARCHIVE_LINKED
endif
PKG_LIBS   = $(shell pkg-config $(PKG_STATIC) --libs $(LINK_PKGS) 2>/dev/null) $(LDLIBS)

SRC       := $(wildcard src/*.c)
RULES_DIR ?= rules
RULES     := $(sort $(wildcard $(RULES_DIR)/*.json) $(wildcard $(RULES_DIR)/i18n/*/*.json))
SIGS      := $(sort $(wildcard signatures/*.json))
GEN       := $(BUILD)/gen/rules_builtin.c
GEN_SIGS  := $(BUILD)/gen/signatures_builtin.c
RULES_LIST := $(BUILD)/gen/rules.list
OBJ       := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRC)) $(BUILD)/obj/rules_builtin.o $(BUILD)/obj/signatures_builtin.o
SAN       := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJ  := $(patsubst src/%.c,$(BUILD)/asan/obj/%.o,$(SRC)) $(BUILD)/asan/obj/rules_builtin.o \
             $(BUILD)/asan/obj/signatures_builtin.o
ASAN_LIB  := $(filter-out $(BUILD)/asan/obj/main.o,$(ASAN_OBJ))
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(UNIT_SRC))

# Fuzz targets (clang + libFuzzer): tests/fuzz/fuzz_<parser>.c -> build/fuzz/fuzz_<parser>
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN  := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
FUZZ_OBJ  := $(patsubst src/%.c,$(BUILD)/fuzz/obj/%.o,$(filter-out src/main.c,$(SRC))) $(BUILD)/fuzz/obj/rules_builtin.o \
             $(BUILD)/fuzz/obj/signatures_builtin.o

# A shell test: can $(FUZZ_CC) link a libFuzzer target here?
HAVE_LIBFUZZER = printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    | $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1

.PHONY: all run test demo bench install uninstall clean deps test-deps check-deps fuzz
all: $(BUILD)/$(PROG)

# The binary is kept only if its built-in rules and signatures pass `rules
# lint`: a run then only parses them (rules_load.c). BUILD_LINT= skips this where
# the binary cannot run here (a cross build; its data is the same files).
BUILD_LINT ?= 1
$(BUILD)/$(PROG): $(OBJ) | check-deps
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@.tmp $(OBJ) $(PKG_LIBS)
	@if [ -n "$(BUILD_LINT)" ]; then echo "  LINT    built-in rules and signatures"; \
	    "$(abspath $@).tmp" rules lint >$@.lint 2>&1 || { cat $@.lint >&2; rm -f $@.tmp $@.lint; exit 1; }; fi
	@rm -f $@.lint; mv $@.tmp $@

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | check-deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

# What --version says of the build (empty for this one); rewritten only when it changes.
$(BUILD)/gen/build_info.h: FORCE
	@mkdir -p $(@D)
	@printf '#define OD_BUILD_INFO "%s"\n' '$(OD_BUILD_INFO)' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(BUILD)/obj/version.o $(BUILD)/asan/obj/version.o: $(BUILD)/gen/build_info.h
.PHONY: FORCE
FORCE:

# The rule set is compiled in: rules/*.json (and their translations) -> C
# strings. rules.list records which files there are, rewritten only when that
# changes, so removing (or renaming) a rule file rebuilds the set as adding or
# editing one does.
$(RULES_LIST): FORCE
	@mkdir -p $(@D)
	@echo '$(RULES)' | cmp -s - $@ 2>/dev/null || echo '$(RULES)' >$@

$(GEN): $(RULES) $(RULES_LIST) tools/embed-rules.sh
	@mkdir -p $(@D)
	@echo "  EMBED   $(words $(RULES)) rules"
	@sh tools/embed-rules.sh $(RULES) > $@

# The error signatures explain reads with: signatures/*.json -> C strings.
$(GEN_SIGS): $(SIGS) tools/embed-rules.sh
	@mkdir -p $(@D)
	@echo "  EMBED   $(words $(SIGS)) signature files"
	@sh tools/embed-rules.sh --symbol od_builtin_signatures $(SIGS) > $@

$(BUILD)/obj/%_builtin.o: $(BUILD)/gen/%_builtin.c src/rules.h
	@mkdir -p $(@D)
	@$(CC) $(WARN) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/asan/obj/%_builtin.o: $(BUILD)/gen/%_builtin.c src/rules.h
	@mkdir -p $(@D)
	@$(CC) $(WARN) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) $(SAN) -O1 -g -c -o $@ $<

# Sanitized build used by every test.
$(BUILD)/asan/$(PROG): $(ASAN_OBJ)
	@echo "  LD      $@"
	@$(CC) $(SAN) -g -o $@ $(ASAN_OBJ) $(PKG_LIBS)

$(BUILD)/asan/obj/%.o: src/%.c $(wildcard src/*.h) | check-deps
	@mkdir -p $(@D)
	@echo "  CC      $< (asan)"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(SAN) -O1 -g -c -o $@ $<

$(BUILD)/asan/tests/%: tests/unit/%.c $(ASAN_LIB) tests/unit/unit.h
	@mkdir -p $(@D)
	@echo "  CCLD    $@"
	@$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(SAN) -O1 -g -Isrc -o $@ $< $(ASAN_LIB) \
	    $(PKG_LIBS) $(shell pkg-config --libs cmocka)

fuzz: $(FUZZ_BIN)

.SECONDARY: $(FUZZ_OBJ)

$(BUILD)/fuzz/obj/%.o: src/%.c $(wildcard src/*.h) | check-deps
	@mkdir -p $(@D)
	@echo "  CC      $< (fuzz)"
	@$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -O1 -g -c -o $@ $<

$(BUILD)/fuzz/obj/rules_builtin.o: $(GEN) src/rules.h
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(WARN) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -O1 -g -c -o $@ $<

$(BUILD)/fuzz/obj/signatures_builtin.o: $(GEN_SIGS) src/sig.h
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(WARN) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -O1 -g -c -o $@ $<

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@echo "  CCLD    $@"
	@$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -O1 -g -Isrc -o $@ $< \
	    $(FUZZ_OBJ) $(PKG_LIBS)

# Install whatever is missing (as root with apt-get), or say what to install.
check-deps:
	@pkg-config --exists $(PKGS) || { echo "missing build packages: $(DEB_PKGS)" >&2; \
	    echo "run 'make deps' as root, or: sudo apt-get install $(DEB_PKGS)" >&2; exit 1; }

deps:
	@sh tests/deps.sh $(DEB_PKGS)

test-deps:
	@sh tests/deps.sh $(DEB_PKGS) $(TEST_DEBS)

# 0 (healthy) and 1 (problems found) are both a successful diagnosis here.
run: deps
	@$(MAKE) --no-print-directory all
	@./$(BUILD)/$(PROG) $(ARGS); rc=$$?; [ $$rc -le 1 ]

test: test-deps
	@$(MAKE) --no-print-directory $(BUILD)/$(PROG) $(BUILD)/asan/$(PROG) $(UNIT_BIN) $(BUILD)/bench/fast_ollama
	@if $(HAVE_LIBFUZZER); then $(MAKE) --no-print-directory fuzz; \
	    else echo "  fuzz targets not built: no clang with libFuzzer (Debian: clang libclang-rt-dev)"; fi
	@sh tests/run.sh $(UNIT_BIN)

demo: test-deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

bench: test-deps $(BUILD)/bench/fast_ollama
	@$(MAKE) --no-print-directory all
	@sh bench/bench.sh

# The bench's stand-in server (a fixture, not part of the tool).
$(BUILD)/bench/fast_ollama: bench/fast_ollama.c
	@mkdir -p $(@D)
	@$(CC) $(WARN) -O2 -o $@ $<

# make install [PREFIX=/usr/local] [DESTDIR=...]: the binary, the man page and
# the shell completions (generated from the option table by the binary).
BASH_COMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
install: $(BUILD)/$(PROG)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(BASH_COMPDIR) $(DESTDIR)$(ZSH_COMPDIR) $(DESTDIR)$(FISH_COMPDIR)
	install -m 0755 $(BUILD)/$(PROG) $(DESTDIR)$(PREFIX)/bin/$(PROG)
	install -m 0644 docs/$(PROG).1 $(DESTDIR)$(PREFIX)/share/man/man1/$(PROG).1
	$(BUILD)/$(PROG) completion bash >$(DESTDIR)$(BASH_COMPDIR)/$(PROG)
	$(BUILD)/$(PROG) completion zsh >$(DESTDIR)$(ZSH_COMPDIR)/_$(PROG)
	$(BUILD)/$(PROG) completion fish >$(DESTDIR)$(FISH_COMPDIR)/$(PROG).fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/$(PROG) $(DESTDIR)$(PREFIX)/share/man/man1/$(PROG).1 \
	    $(DESTDIR)$(BASH_COMPDIR)/$(PROG) $(DESTDIR)$(ZSH_COMPDIR)/_$(PROG) $(DESTDIR)$(FISH_COMPDIR)/$(PROG).fish

clean:
	rm -rf $(BUILD)

# Fully static binaries (musl), from Debian's pinned source packages
# (tools/static-sources.txt) and toolchains, cached in build/static/:
#   make static             -> build/ollama-doctor-static        (this machine's architecture)
#   make static ARCH=arm64  -> build/ollama-doctor-static-arm64  (cross-built)
#   make static-test        both, then tests/scenario/t_static.sh (arm64 under qemu-user)
STATIC_JOBS ?= 2
NATIVE_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
ARCH      ?= $(NATIVE_ARCH)
.PHONY: static static-test deb image
# A Debian package of the static binary, man page and completions (dpkg-deb):
#   make deb [ARCH=arm64] -> build/ollama-doctor_$(VERSION)_<arch>.deb
deb: static
	@sh tools/build-deb.sh $(ARCH) $(VERSION)

# The sidecar image (Dockerfile, FROM scratch) from the static binary:
#   make image [ARCH=arm64] [IMAGE=ollama-doctor] -> $(IMAGE):$(VERSION) and :latest (-arm64 for a cross build)
IMAGE     ?= ollama-doctor
STATIC_BIN = build/ollama-doctor-static$(if $(filter $(NATIVE_ARCH),$(ARCH)),,-$(ARCH))
IMAGE_TAG  = $(if $(filter $(NATIVE_ARCH),$(ARCH)),,-$(ARCH))
DOCKER    ?= docker
IMAGE_ARGS = --platform linux/$(ARCH) --build-arg BIN=$(STATIC_BIN) -t $(IMAGE):$(VERSION)$(IMAGE_TAG) -t $(IMAGE):latest$(IMAGE_TAG) .
# Another architecture needs BuildKit (the classic builder cannot put a
# foreign-platform FROM scratch image together): buildx when the CLI has it,
# else the BuildKit built into Docker 20.10's CLI.
image: static
	@if [ "$(ARCH)" = "$(NATIVE_ARCH)" ]; then set -x; $(DOCKER) build $(IMAGE_ARGS); \
	elif $(DOCKER) buildx version >/dev/null 2>&1; then set -x; $(DOCKER) buildx build --load $(IMAGE_ARGS); \
	else set -x; DOCKER_BUILDKIT=1 $(DOCKER) build $(IMAGE_ARGS); fi

static:
	@VERSION='$(VERSION)' JOBS='$(STATIC_JOBS)' sh tools/build-static.sh $(ARCH)

static-test:
	@sh tests/deps.sh qemu-user-static jq python3 iproute2 util-linux file
	@$(MAKE) --no-print-directory static ARCH=$(NATIVE_ARCH)
	@$(MAKE) --no-print-directory static ARCH=$(if $(filter arm64,$(NATIVE_ARCH)),amd64,arm64)
	@sh tests/run.sh --only tests/scenario/t_static.sh
