# Convenience front end over meson. `make run` and `make test` set up
# everything on a fresh Debian bookworm machine (as root or through sudo).

BUILDDIR      ?= build
ASANDIR       ?= build-asan
MESON         ?= meson
DEPS_STAMP     = $(BUILDDIR)/.deps-installed

.PHONY: all deps build run test test-unit test-asan bench bench-deps fuzz clean

all: build

$(DEPS_STAMP): build-aux/debian-packages.txt
	@sh build-aux/install-deps.sh build-aux/debian-packages.txt
	@mkdir -p $(BUILDDIR) && touch $@

deps: $(DEPS_STAMP)

$(BUILDDIR)/build.ninja: | $(DEPS_STAMP)
	$(MESON) setup $(BUILDDIR)

build: $(BUILDDIR)/build.ninja
	$(MESON) compile -C $(BUILDDIR)

# Opens the workbench on an example workflow, ready to Run (F5): the MNIST
# LeNet-5 example once it exists, the Titanic cleaning example until then.
run: build
	./$(BUILDDIR)/app/strata $$(test -f resources/examples/mnist-lenet.strata && echo resources/examples/mnist-lenet.strata || echo resources/examples/titanic-clean.strata)

# The whole suite: the normal build (GUI tests under Xvfb), then the engine
# and command-line tests again under AddressSanitizer + UBSan.
test: test-unit test-asan
	@sh build-aux/test-summary.sh $(BUILDDIR) $(ASANDIR)

test-unit: build
	$(MESON) test -C $(BUILDDIR) --print-errorlogs

$(ASANDIR)/build.ninja: | $(DEPS_STAMP)
	$(MESON) setup $(ASANDIR) -Db_sanitize=address,undefined -Db_lundef=false

test-asan: $(ASANDIR)/build.ninja
	$(MESON) compile -C $(ASANDIR)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MESON) test -C $(ASANDIR) --print-errorlogs --no-suite gui --no-suite slow

bench-deps:
	@sh build-aux/install-deps.sh build-aux/debian-packages.txt build-aux/debian-packages-bench.txt

bench: build bench-deps
	$(MESON) test -C $(BUILDDIR) --benchmark --verbose

clean:
	rm -rf $(BUILDDIR) $(ASANDIR)
