// ldst: prints what each group of ldst.S observed, four values per line:
// "<group> <index>: v v v v". A difference against the expected output names
// the group and the index of the first value on that line.
#include "guest.h"

typedef uint64_t *(*group_fn)(uint64_t *out, const uint8_t *src, uint8_t *scratch);

#define GROUPS(X) \
    X(uimm) X(unscaled) X(pre) X(post) X(regoff) X(literal) X(signext) X(pair) \
    X(nontemporal) X(unpriv) X(excl) X(acqrel) X(spzr) X(prfm)

#define DECLARE(name) uint64_t *ldst_##name(uint64_t *, const uint8_t *, uint8_t *);
GROUPS(DECLARE)

static uint8_t src[2048] __attribute__((aligned(64)));
static uint8_t scratch[256] __attribute__((aligned(64)));
static uint64_t out[128];

static void run(const char *name, group_fn fn) {
    for (unsigned i = 0; i < sizeof scratch; i++) scratch[i] = 0;
    uint64_t *end = fn(out, src, scratch);
    unsigned n = (unsigned)(end - out);
    if (n == 0) {
        put_str(name);
        put_line(": ok");
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        if (i % 4 == 0) {
            put_str(name);
            put_char(' ');
            put_dec(i);
            put_char(':');
        }
        put_char(' ');
        put_hex(out[i]);
        if (i % 4 == 3 || i == n - 1) put_nl();
    }
}

int main(void) {
    uart_init();
    for (unsigned i = 0; i < sizeof src; i++) src[i] = (uint8_t)i;
    put_line("ldst: begin");
#define RUN(name) run(#name, ldst_##name);
    GROUPS(RUN)
    // src must be untouched by all of the above
    uint64_t sum = 0;
    for (unsigned i = 0; i < sizeof src; i++) sum += (uint64_t)src[i] * (i + 1);
    put_str("ldst: src checksum ");
    put_dec(sum);
    put_nl();
    put_line("ldst: end");
    return 0;
}
