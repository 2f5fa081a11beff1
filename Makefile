# p0f-wrap: GNU make (Debian's make; $(shell), $(filter), $(if), $(wildcard) and
# $(patsubst) are GNU), no autotools. conf-cc and conf-home hold the settings.

B = build
SAN =
STATIC = 1
LOAD_N = 300
COMPILE = $(shell head -n 1 conf-cc) $(SAN) -Isrc
SKALIBS = -Wl,-Bstatic -lskarnet -Wl,-Bdynamic
BIN = $(if $(filter build,$(B)),p0f-wrap,$(B)/p0f-wrap)
QUEUE = $(if $(filter build,$(B)),p0f-queue,$(B)/p0f-queue)

MODULES = addr answer exports header line p0f2 p0f3 query
HEADERS = $(wildcard src/*.h)
LIBOBJS = $(MODULES:%=$(B)/%.o)
UNITS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
HELPERS = p0f-responder probe probe-static freeport stopwatch names envexec osprobe accept1 qq-recorder qq-feed subreaper netns
SYSTEM_TESTS = $(wildcard tests/system/*.sh)
# make system T='tests/system/65-answers.sh ...': those scripts alone; make repeat N=5 LOAD=2: the suite (or T) N times beside 2 busy loops
T =
N = 5
LOAD = 0
TESTENV = SAN="$(SAN)" LOAD_N=$(LOAD_N) P0F_WRAP=$(abspath $(BIN)) P0F_QUEUE=$(abspath $(QUEUE)) B=$(abspath $(B))

.PHONY: all deps skalibs check unit system repeat sanitize valgrind fuzz bench bench-queue bench-deadline demo install clean

# make and make install need a C compiler and skalibs-dev, nothing else;
# the targets that run tests or the demo install their Debian packages (package/deps)
all: $(BIN) $(QUEUE)

deps:
	@sh package/deps

skalibs:
	@sh package/need-skalibs

$(B)/.dir:
	mkdir -p $(B)
	touch $@

$(B)/%.o: src/%.c $(HEADERS) conf-cc | $(B)/.dir skalibs
	$(COMPILE) -c -o $@ $<

$(BIN): $(B)/p0f-wrap.o $(LIBOBJS) conf-cc Makefile
	$(COMPILE) -o $@ $(B)/p0f-wrap.o $(LIBOBJS) $(if $(STATIC),-static -lskarnet,$(SKALIBS))

$(QUEUE): $(B)/p0f-queue.o $(LIBOBJS) conf-cc Makefile
	$(COMPILE) -o $@ $(B)/p0f-queue.o $(LIBOBJS) $(if $(STATIC),-static -lskarnet,$(SKALIBS))

$(B)/test_%: tests/unit/test_%.c tests/unit/unit.h $(LIBOBJS) conf-cc | $(B)/.dir
	$(COMPILE) -Itests/unit -o $@ $< $(LIBOBJS) -lcmocka $(SKALIBS)

$(B)/%: tests/%.c $(LIBOBJS) conf-cc | $(B)/.dir
	$(COMPILE) -o $@ $< $(LIBOBJS) $(SKALIBS)

# the cmocka tests need libcmocka-dev and skalibs-dev only: no package/deps, no root
unit: $(UNITS:%=$(B)/%)
	@B=$(abspath $(B)) sh tests/run.sh $(UNITS:%=$(B)/%)

# every script runs, the failing ones are listed at the end (tests/README)
system: deps $(BIN) $(QUEUE) $(HELPERS:%=$(B)/%)
	@$(TESTENV) sh tests/run.sh $(or $(T),$(SYSTEM_TESTS))

check: deps all $(UNITS:%=$(B)/%) $(HELPERS:%=$(B)/%)
	@$(TESTENV) sh tests/run.sh $(UNITS:%=$(B)/%) $(or $(T),$(SYSTEM_TESTS))

repeat: deps all $(UNITS:%=$(B)/%) $(HELPERS:%=$(B)/%)
	@$(TESTENV) N=$(N) LOAD=$(LOAD) sh tests/repeat.sh $(or $(T),$(UNITS:%=$(B)/%) $(SYSTEM_TESTS))

sanitize:
	$(MAKE) B=build-san SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' STATIC= LOAD_N=100 check

FUZZ_SECONDS = 30
FUZZERS = p0f3 p0f2 addr
FUZZ_CC = clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(wildcard src/*.c) $(HEADERS)
	mkdir -p build-fuzz
	$(FUZZ_CC) -o $@ $< src/addr.c src/answer.c src/line.c src/p0f2.c src/p0f3.c $(SKALIBS)

fuzz: deps $(FUZZERS:%=build-fuzz/fuzz_%)
	@for f in $(FUZZERS) ; do \
	  rm -rf build-fuzz/corpus-$$f && cp -R tests/fuzz/corpus/$$f build-fuzz/corpus-$$f && \
	  ./build-fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=build-fuzz/crash-$$f- \
	    build-fuzz/corpus-$$f > build-fuzz/fuzz_$$f.log 2>&1 ; rc=$$? ; \
	  echo "fuzz_$$f: $$(sed -n 's/^stat::number_of_executed_units: *//p' build-fuzz/fuzz_$$f.log) executions in $(FUZZ_SECONDS) s, exit $$rc" ; \
	  if [ $$rc != 0 ] ; then tail -n 40 build-fuzz/fuzz_$$f.log ; exit 1 ; fi ; \
	done

# valgrind reports false positives inside static glibc's start-up: memcheck runs the libc-dynamic build of the same code
valgrind: deps
	$(MAKE) B=build-dynamic STATIC= build-dynamic/p0f-wrap build-dynamic/p0f-queue $(HELPERS:%=build-dynamic/%)
	@P0F_WRAP=$(abspath build-dynamic/p0f-wrap) B=$(abspath build-dynamic) sh tests/tools/valgrind.sh

bench: deps all $(HELPERS:%=$(B)/%) $(B)/execbench $(B)/connbench $(B)/status $(B)/nullwrap $(B)/lagprobe
	$(MAKE) B=build-dynamic STATIC= build-dynamic/p0f-wrap
	@P0F_WRAP=$(abspath $(BIN)) B=$(abspath $(B)) sh bench/run.sh

# the deadline edges test_query holds the rule of, on the machine as loaded: counts, not verdicts
bench-deadline: all $(B)/p0f-responder $(B)/probe $(B)/names $(B)/stopwatch
	@P0F_WRAP=$(abspath $(BIN)) B=$(abspath $(B)) sh bench/deadline.sh

bench-queue: all $(B)/qq-feed $(B)/qq-recorder
	@P0F_QUEUE=$(abspath $(QUEUE)) P0F_WRAP=$(abspath $(BIN)) B=$(abspath $(B)) sh bench/queue.sh

$(B)/%: bench/%.c bench/bench.h conf-cc | $(B)/.dir
	$(COMPILE) -o $@ $<

$(B)/lagprobe: bench/lagprobe.c bench/bench.h $(LIBOBJS) conf-cc | $(B)/.dir
	$(COMPILE) -o $@ $< $(LIBOBJS) $(SKALIBS)

# a probe that needs no fd to start (no shared libraries): for the tests that run out of fds; never sanitized (static)
$(B)/probe-static: tests/probe.c conf-cc | $(B)/.dir
	$(shell head -n 1 conf-cc) -static -o $@ $<

$(B)/nullwrap: bench/nullwrap.c conf-cc | $(B)/.dir
	$(COMPILE) -static -o $@ $<

demo: deps all $(B)/freeport $(B)/osprobe $(B)/names
	@sh package/demo

install: all
	FROM='$(dir $(BIN))' DESTDIR='$(DESTDIR)' sh package/install

clean:
	rm -rf build build-san build-fuzz build-dynamic p0f-wrap p0f-queue
