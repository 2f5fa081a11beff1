# p0f-wrap: plain make, no autotools. conf-cc and conf-home hold the settings.

B = build
SAN =
COMPILE = $(shell head -n 1 conf-cc) $(SAN) -Isrc
SKALIBS = -Wl,-Bstatic -lskarnet -Wl,-Bdynamic
BIN = $(if $(filter build,$(B)),p0f-wrap,$(B)/p0f-wrap)

MODULES = addr answer options p0f2 p0f3 query report target ucspi
HEADERS = $(wildcard src/*.h)
LIBOBJS = $(MODULES:%=$(B)/%.o)
UNITS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
HELPERS = p0f-responder probe freeport stopwatch

.PHONY: all deps check unit system sanitize demo install clean

all: deps $(BIN)

deps:
	@sh package/deps

$(B)/.dir:
	mkdir -p $(B)
	touch $@

$(B)/%.o: src/%.c $(HEADERS) conf-cc | $(B)/.dir
	$(COMPILE) -c -o $@ $<

$(BIN): $(B)/p0f-wrap.o $(LIBOBJS) conf-cc
	$(COMPILE) -o $@ $(B)/p0f-wrap.o $(LIBOBJS) $(SKALIBS)

$(B)/test_%: tests/unit/test_%.c tests/unit/unit.h $(LIBOBJS) conf-cc | $(B)/.dir
	$(COMPILE) -Itests/unit -o $@ $< $(LIBOBJS) -lcmocka $(SKALIBS)

$(B)/%: tests/%.c $(LIBOBJS) conf-cc | $(B)/.dir
	$(COMPILE) -o $@ $< $(LIBOBJS) $(SKALIBS)

unit: deps $(UNITS:%=$(B)/%)
	@for t in $(UNITS) ; do echo "== unit: $$t" ; ./$(B)/$$t 2>&1 || exit 1 ; done

system: deps $(BIN) $(HELPERS:%=$(B)/%)
	@for t in tests/system/*.sh ; do echo "== system: $$t" ; P0F_WRAP=$(abspath $(BIN)) B=$(abspath $(B)) sh $$t || exit 1 ; done

check: all unit system

sanitize:
	$(MAKE) B=build-san SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' check

demo: all $(B)/freeport
	@sh package/demo

install: all doc/p0f-wrap.8
	DESTDIR='$(DESTDIR)' sh package/install

clean:
	rm -rf build build-san p0f-wrap
