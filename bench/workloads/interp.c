// interp: a stack-machine bytecode interpreter (switch dispatch, 64-bit
// values, call frames) running five small programs, BENCH_REPS rounds with
// parameters that change every round: recursive Fibonacci (call-heavy), a
// sieve of Eratosthenes in the VM's memory (load/store-heavy), Collatz chain
// lengths (branchy), a sum of Euclid GCDs (division-heavy) and an LCG stream.
// The dispatch's indirect branch and the interpreter's pointer-chasing code
// are what a JIT finds hard.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 13
#endif

const char bench_name[] = "interp";

enum {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
    OP_LOAD, OP_STORE, OP_INC, OP_GLOAD, OP_GSTORE,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
    OP_LT, OP_LE, OP_EQ, OP_NE,
    OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET, OP_OUT,
};

#define CODE_MAX 1024
#define MEM_WORDS 65536
#define STACK_MAX 512
#define FRAME_LOCALS 8
#define FRAMES_MAX 128

static int32_t code[CODE_MAX];
static int code_len;
static int64_t vm_mem[MEM_WORDS];
static int64_t vm_stack[STACK_MAX];
static int64_t vm_locals[FRAMES_MAX * FRAME_LOCALS];
static int32_t vm_ret[FRAMES_MAX];
static uint64_t vm_out;

// --- a tiny assembler with forward labels ---
#define LABELS_MAX 64
static int label_pos[LABELS_MAX];
static int fixup_at[256], fixup_label[256], nfixups;

static void e1(int32_t op) { code[code_len++] = op; }
static void e2(int32_t op, int32_t arg) { code[code_len++] = op; code[code_len++] = arg; }
static void ej(int32_t op, int label) {  // jump/call to a label
    code[code_len++] = op;
    fixup_at[nfixups] = code_len;
    fixup_label[nfixups++] = label;
    code[code_len++] = 0;
}
static void ecall(int label, int32_t nargs) { ej(OP_CALL, label); e1(nargs); }
static void here(int label) { label_pos[label] = code_len; }
static void link_code(void) {
    for (int i = 0; i < nfixups; i++) code[fixup_at[i]] = label_pos[fixup_label[i]];
}

// --- the interpreter ---
// CALL target nargs: pops nargs arguments into a new frame's locals 0..nargs-1.
// RET leaves the return value on the stack. HALT returns the top of the stack.
static int64_t vm_run(int pc, const int64_t *args, int nargs) {
    const int32_t *c = code;
    int64_t *st = vm_stack;       // st[sp-1] is the top
    int sp = 0;
    int64_t *fp = vm_locals;      // current frame's locals
    int rsp = 0;
    for (int i = 0; i < nargs; i++) fp[i] = args[i];
    vm_ret[rsp++] = -1;           // returning from the entry function halts
    for (;;) {
        int32_t op = c[pc++];
        switch (op) {
        case OP_HALT: return sp ? st[sp - 1] : 0;
        case OP_PUSH: st[sp++] = c[pc++]; break;
        case OP_POP: sp--; break;
        case OP_DUP: st[sp] = st[sp - 1]; sp++; break;
        case OP_SWAP: { int64_t t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; break; }
        case OP_OVER: st[sp] = st[sp - 2]; sp++; break;
        case OP_LOAD: st[sp++] = fp[c[pc++]]; break;
        case OP_STORE: fp[c[pc++]] = st[--sp]; break;
        case OP_INC: fp[c[pc]] = (int64_t)((uint64_t)fp[c[pc]] + 1); pc++; break;
        case OP_GLOAD: st[sp - 1] = vm_mem[(uint64_t)st[sp - 1] & (MEM_WORDS - 1)]; break;
        case OP_GSTORE: vm_mem[(uint64_t)st[sp - 2] & (MEM_WORDS - 1)] = st[sp - 1]; sp -= 2; break;
        case OP_ADD: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] + (uint64_t)st[sp]); break;
        case OP_SUB: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] - (uint64_t)st[sp]); break;
        case OP_MUL: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] * (uint64_t)st[sp]); break;
        case OP_DIV: sp--; st[sp - 1] = st[sp] ? st[sp - 1] / st[sp] : 0; break;
        case OP_MOD: sp--; st[sp - 1] = st[sp] ? st[sp - 1] % st[sp] : 0; break;
        case OP_AND: sp--; st[sp - 1] &= st[sp]; break;
        case OP_OR: sp--; st[sp - 1] |= st[sp]; break;
        case OP_XOR: sp--; st[sp - 1] ^= st[sp]; break;
        case OP_SHL: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] << (st[sp] & 63)); break;
        case OP_SHR: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] >> (st[sp] & 63)); break;
        case OP_LT: sp--; st[sp - 1] = st[sp - 1] < st[sp]; break;
        case OP_LE: sp--; st[sp - 1] = st[sp - 1] <= st[sp]; break;
        case OP_EQ: sp--; st[sp - 1] = st[sp - 1] == st[sp]; break;
        case OP_NE: sp--; st[sp - 1] = st[sp - 1] != st[sp]; break;
        case OP_JMP: pc = c[pc]; break;
        case OP_JZ: pc = st[--sp] == 0 ? c[pc] : pc + 1; break;
        case OP_JNZ: pc = st[--sp] != 0 ? c[pc] : pc + 1; break;
        case OP_CALL: {
            int32_t target = c[pc], n = c[pc + 1];
            vm_ret[rsp++] = pc + 2;
            fp += FRAME_LOCALS;
            for (int i = n - 1; i >= 0; i--) fp[i] = st[--sp];
            pc = target;
            break;
        }
        case OP_RET:
            pc = vm_ret[--rsp];
            fp -= FRAME_LOCALS;
            if (pc < 0) return st[sp - 1];
            break;
        case OP_OUT: vm_out = bench_rotl(vm_out, 9) ^ (uint64_t)st[--sp]; break;
        default: return -1;
        }
    }
}

enum { L_FIB, L_FIB_REC, L_SIEVE, L_CLR, L_CLR_DONE, L_OUTER, L_OUTER_DONE, L_SKIP, L_INNER,
       L_INNER_DONE, L_CNT, L_CNT_DONE, L_COLLATZ, L_CZ_N, L_CZ_N_DONE, L_CZ_STEP,
       L_CZ_STEP_DONE, L_CZ_ODD, L_CZ_NEXT, L_GCDSUM, L_GI, L_GI_DONE, L_GJ, L_GJ_DONE,
       L_GCD, L_GCD_DONE, L_LCG, L_LCG_LOOP, L_LCG_DONE };

static void assemble(void) {
    // fib(n) = n < 2 ? n : fib(n-1) + fib(n-2)
    here(L_FIB);
    e2(OP_LOAD, 0); e2(OP_PUSH, 2); e1(OP_LT); ej(OP_JZ, L_FIB_REC);
    e2(OP_LOAD, 0); e1(OP_RET);
    here(L_FIB_REC);
    e2(OP_LOAD, 0); e2(OP_PUSH, 1); e1(OP_SUB); ecall(L_FIB, 1);
    e2(OP_LOAD, 0); e2(OP_PUSH, 2); e1(OP_SUB); ecall(L_FIB, 1);
    e1(OP_ADD); e1(OP_RET);

    // sieve(m): number of primes below m; mem[i] = 1 marks a composite.
    // locals: 0 = m, 1 = i, 2 = j, 3 = count
    here(L_SIEVE);
    e2(OP_PUSH, 0); e2(OP_STORE, 1);
    here(L_CLR);                                   // for i in 0..m-1: mem[i] = 0
    e2(OP_LOAD, 1); e2(OP_LOAD, 0); e1(OP_LT); ej(OP_JZ, L_CLR_DONE);
    e2(OP_LOAD, 1); e2(OP_PUSH, 0); e1(OP_GSTORE); e2(OP_INC, 1); ej(OP_JMP, L_CLR);
    here(L_CLR_DONE);
    e2(OP_PUSH, 2); e2(OP_STORE, 1);
    here(L_OUTER);                                 // for i = 2; i*i < m; i++
    e2(OP_LOAD, 1); e1(OP_DUP); e1(OP_MUL); e2(OP_LOAD, 0); e1(OP_LT); ej(OP_JZ, L_OUTER_DONE);
    e2(OP_LOAD, 1); e1(OP_GLOAD); ej(OP_JNZ, L_SKIP);
    e2(OP_LOAD, 1); e1(OP_DUP); e1(OP_MUL); e2(OP_STORE, 2);
    here(L_INNER);                                 // for j = i*i; j < m; j += i: mem[j] = 1
    e2(OP_LOAD, 2); e2(OP_LOAD, 0); e1(OP_LT); ej(OP_JZ, L_INNER_DONE);
    e2(OP_LOAD, 2); e2(OP_PUSH, 1); e1(OP_GSTORE);
    e2(OP_LOAD, 2); e2(OP_LOAD, 1); e1(OP_ADD); e2(OP_STORE, 2); ej(OP_JMP, L_INNER);
    here(L_INNER_DONE);
    here(L_SKIP);
    e2(OP_INC, 1); ej(OP_JMP, L_OUTER);
    here(L_OUTER_DONE);
    e2(OP_PUSH, 0); e2(OP_STORE, 3); e2(OP_PUSH, 2); e2(OP_STORE, 1);
    here(L_CNT);                                   // count = #{i in 2..m-1 : mem[i] == 0}
    e2(OP_LOAD, 1); e2(OP_LOAD, 0); e1(OP_LT); ej(OP_JZ, L_CNT_DONE);
    e2(OP_LOAD, 3); e2(OP_LOAD, 1); e1(OP_GLOAD); e2(OP_PUSH, 0); e1(OP_EQ); e1(OP_ADD);
    e2(OP_STORE, 3); e2(OP_INC, 1); ej(OP_JMP, L_CNT);
    here(L_CNT_DONE);
    e2(OP_LOAD, 3); e1(OP_RET);

    // collatz(k): sum over n in 1..k of the Collatz chain length of n.
    // locals: 0 = k, 1 = n, 2 = x, 3 = total
    here(L_COLLATZ);
    e2(OP_PUSH, 0); e2(OP_STORE, 3); e2(OP_PUSH, 1); e2(OP_STORE, 1);
    here(L_CZ_N);
    e2(OP_LOAD, 1); e2(OP_LOAD, 0); e1(OP_LE); ej(OP_JZ, L_CZ_N_DONE);
    e2(OP_LOAD, 1); e2(OP_STORE, 2);
    here(L_CZ_STEP);
    e2(OP_LOAD, 2); e2(OP_PUSH, 1); e1(OP_NE); ej(OP_JZ, L_CZ_STEP_DONE);
    e2(OP_LOAD, 2); e2(OP_PUSH, 1); e1(OP_AND); ej(OP_JNZ, L_CZ_ODD);
    e2(OP_LOAD, 2); e2(OP_PUSH, 1); e1(OP_SHR); e2(OP_STORE, 2); ej(OP_JMP, L_CZ_NEXT);
    here(L_CZ_ODD);
    e2(OP_LOAD, 2); e2(OP_PUSH, 3); e1(OP_MUL); e2(OP_PUSH, 1); e1(OP_ADD); e2(OP_STORE, 2);
    here(L_CZ_NEXT);
    e2(OP_INC, 3); ej(OP_JMP, L_CZ_STEP);
    here(L_CZ_STEP_DONE);
    e2(OP_INC, 1); ej(OP_JMP, L_CZ_N);
    here(L_CZ_N_DONE);
    e2(OP_LOAD, 3); e1(OP_RET);

    // gcdsum(a, b): sum of gcd(i, j) for i in 1..a, j in 1..b (Euclid by MOD).
    // locals: 0 = a, 1 = b, 2 = i, 3 = j, 4 = x, 5 = y, 6 = total
    here(L_GCDSUM);
    e2(OP_PUSH, 0); e2(OP_STORE, 6); e2(OP_PUSH, 1); e2(OP_STORE, 2);
    here(L_GI);
    e2(OP_LOAD, 2); e2(OP_LOAD, 0); e1(OP_LE); ej(OP_JZ, L_GI_DONE);
    e2(OP_PUSH, 1); e2(OP_STORE, 3);
    here(L_GJ);
    e2(OP_LOAD, 3); e2(OP_LOAD, 1); e1(OP_LE); ej(OP_JZ, L_GJ_DONE);
    e2(OP_LOAD, 2); e2(OP_STORE, 4); e2(OP_LOAD, 3); e2(OP_STORE, 5);
    here(L_GCD);                                   // while y: (x, y) = (y, x % y)
    e2(OP_LOAD, 5); ej(OP_JZ, L_GCD_DONE);
    e2(OP_LOAD, 5); e2(OP_LOAD, 4); e2(OP_LOAD, 5); e1(OP_MOD); e2(OP_STORE, 5); e2(OP_STORE, 4);
    ej(OP_JMP, L_GCD);
    here(L_GCD_DONE);
    e2(OP_LOAD, 6); e2(OP_LOAD, 4); e1(OP_ADD); e2(OP_STORE, 6);
    e2(OP_INC, 3); ej(OP_JMP, L_GJ);
    here(L_GJ_DONE);
    e2(OP_INC, 2); ej(OP_JMP, L_GI);
    here(L_GI_DONE);
    e2(OP_LOAD, 6); e1(OP_RET);

    // lcg(seed, n): n steps of x = x * 6364136223846793005 + 1442695040888963407,
    // OUT-ing x >> 33 every step; returns x. locals: 0 = x, 1 = n
    here(L_LCG);
    here(L_LCG_LOOP);
    e2(OP_LOAD, 1); ej(OP_JZ, L_LCG_DONE);
    e2(OP_LOAD, 0);
    e2(OP_PUSH, 0x5851F42D); e2(OP_PUSH, 32); e1(OP_SHL); e2(OP_PUSH, 0x4C957F2D); e1(OP_OR);
    e1(OP_MUL);
    e2(OP_PUSH, 0x14057B7E); e2(OP_PUSH, 32); e1(OP_SHL); e2(OP_PUSH, (int32_t)0xF767814F);
    e2(OP_PUSH, 0xFFFF); e2(OP_PUSH, 16); e1(OP_SHL); e2(OP_PUSH, 0xFFFF); e1(OP_OR); e1(OP_AND);
    e1(OP_OR); e1(OP_ADD);
    e1(OP_DUP); e2(OP_STORE, 0); e2(OP_PUSH, 33); e1(OP_SHR); e1(OP_OUT);
    e2(OP_LOAD, 1); e2(OP_PUSH, 1); e1(OP_SUB); e2(OP_STORE, 1); ej(OP_JMP, L_LCG_LOOP);
    here(L_LCG_DONE);
    e2(OP_LOAD, 0); e1(OP_RET);

    link_code();
}

void bench_run(void) {
    assemble();
    uint64_t s = bench_seed();
    uint64_t fib = 0, primes = 0, collatz = 0, gcd = 0, lcg = 0;
    for (unsigned r = 0; r < BENCH_REPS; r++) {
        int64_t a[2];
        a[0] = 20 + (int64_t)(r % 3);
        fib = bench_rotl(fib, 5) ^ (uint64_t)vm_run(label_pos[L_FIB], a, 1);
        a[0] = 30000 + (int64_t)(bench_rand(&s) % 20000);
        primes = bench_rotl(primes, 5) ^ (uint64_t)vm_run(label_pos[L_SIEVE], a, 1);
        a[0] = 3000 + (int64_t)(bench_rand(&s) % 1000);
        collatz = bench_rotl(collatz, 5) ^ (uint64_t)vm_run(label_pos[L_COLLATZ], a, 1);
        a[0] = 60 + (int64_t)(r % 7);
        a[1] = 50 + (int64_t)(bench_rand(&s) % 30);
        gcd = bench_rotl(gcd, 5) ^ (uint64_t)vm_run(label_pos[L_GCDSUM], a, 2);
        a[0] = (int64_t)bench_rand(&s);
        a[1] = 20000;
        lcg = bench_rotl(lcg, 5) ^ (uint64_t)vm_run(label_pos[L_LCG], a, 2);
    }
    bench_out("fib    ", fib);
    bench_out("sieve  ", primes);
    bench_out("collatz", collatz);
    bench_out("gcdsum ", gcd);
    bench_out("lcg    ", lcg);
    bench_out("out    ", vm_out);
    bench_out("codelen", (uint64_t)code_len);
}
