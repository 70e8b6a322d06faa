// chase: pointer chasing over working sets far larger than the host's L2:
//   - a single random cycle of 2^20 32-bit indices (Sattolo's shuffle, 4 MiB),
//     walked BENCH_REPS * 2^19 steps;
//   - a singly linked list of 2^17 16-byte nodes (2 MiB) in random memory
//     order: summed, then reversed in place, BENCH_REPS times;
//   - an unbalanced binary search tree of 2^16 random keys (2 MiB of nodes):
//     BENCH_REPS * 2^14 lookups of present and absent keys.
// Every load's address depends on the previous load.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 18
#endif

const char bench_name[] = "chase";

#define CYCLE_N (1u << 20)
#define LIST_N (1u << 17)
#define TREE_N (1u << 16)

static uint32_t cycle[CYCLE_N];

struct lnode {
    struct lnode *next;
    uint64_t value;
};
static struct lnode lnodes[LIST_N];
static uint32_t order[LIST_N];

struct tnode {
    struct tnode *left, *right;
    uint64_t key, count;
};
static struct tnode tnodes[TREE_N];

static uint64_t random_below(uint64_t *s, uint64_t n) { return bench_rand(s) % n; }

void bench_run(void) {
    uint64_t s = bench_seed();

    // Sattolo: a uniformly random permutation that is one cycle.
    for (uint32_t i = 0; i < CYCLE_N; i++) cycle[i] = i;
    for (uint32_t i = CYCLE_N - 1; i > 0; i--) {
        uint32_t j = (uint32_t)random_below(&s, i);
        uint32_t t = cycle[i]; cycle[i] = cycle[j]; cycle[j] = t;
    }

    // The list visits the nodes in a random order.
    for (uint32_t i = 0; i < LIST_N; i++) order[i] = i;
    for (uint32_t i = LIST_N - 1; i > 0; i--) {
        uint32_t j = (uint32_t)random_below(&s, i + 1);
        uint32_t t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (uint32_t i = 0; i < LIST_N; i++) {
        struct lnode *n = &lnodes[order[i]];
        n->next = i + 1 < LIST_N ? &lnodes[order[i + 1]] : 0;
        n->value = bench_rand(&s);
    }
    struct lnode *head = &lnodes[order[0]];

    // Unbalanced BST of random keys (expected depth ~2 ln n).
    struct tnode *root = 0;
    uint32_t tree_n = 0;
    uint64_t ts = s;
    for (uint32_t i = 0; i < TREE_N; i++) {
        uint64_t key = bench_rand(&ts) >> 1;   // even multiples: odd keys are absent
        key &= ~1ull;
        struct tnode **link = &root;
        while (*link && (*link)->key != key) link = key < (*link)->key ? &(*link)->left : &(*link)->right;
        if (*link) {
            (*link)->count++;
            continue;
        }
        struct tnode *n = &tnodes[tree_n++];
        n->left = n->right = 0;
        n->key = key;
        n->count = 1;
        *link = n;
    }

    uint64_t walk = 0, list_sum = 0, found = 0, depth = 0;
    uint32_t idx = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        // 1: the index cycle
        for (uint32_t k = 0; k < CYCLE_N / 2; k++) {
            idx = cycle[idx];
            walk += idx;
        }
        // 2: sum the list, then reverse it in place
        uint64_t sum = 0;
        for (struct lnode *n = head; n; n = n->next) sum = bench_rotl(sum, 1) ^ n->value;
        list_sum += sum;
        struct lnode *prev = 0, *cur = head;
        while (cur) {
            struct lnode *next = cur->next;
            cur->next = prev;
            prev = cur;
            cur = next;
        }
        head = prev;
        // 3: look up keys replayed from the insertion stream (present) and odd keys (absent)
        uint64_t ks = s + (r & 3);
        for (uint32_t k = 0; k < (1u << 14); k++) {
            uint64_t key = (bench_rand(&ks) >> 1) & ~1ull;
            if (k & 1) key |= 1;
            struct tnode *n = root;
            while (n && n->key != key) {
                n = key < n->key ? n->left : n->right;
                depth++;
            }
            if (n) found += n->count;
        }
    }
    bench_out("walk     ", walk);
    bench_out("final idx", idx);
    bench_out("list sum ", list_sum);
    bench_out("tree size", tree_n);
    bench_out("found    ", found);
    bench_out("depth    ", depth);
}
