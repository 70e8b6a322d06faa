// nbody: the five-body Jovian planets simulation (Sun, Jupiter, Saturn, Uranus,
// Neptune; masses, positions and velocities in solar masses, AU and AU/day * 365.24)
// in double precision, symplectic Euler with dt = 0.01, BENCH_REPS steps: per pair a
// distance, a square root and a division. Reports the energy before and after and the
// final position bits. FP add/mul/div/sqrt latency bound (dependent chains, little to
// vectorise).
//
// FP workload: built with the guest's FP flags at -O2 (bench/CMakeLists.txt); the
// native twin is -O2 -ffp-contract=off, and both must print the same bits.
#include "bench.h"

#ifndef BENCH_REPS
#define BENCH_REPS 560000
#endif

const char bench_name[] = "nbody";

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NB 5

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[NB];

static const struct body initial[NB] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
};

static uint64_t d2u(double d) {
    uint64_t u;
    __builtin_memcpy(&u, &d, 8);
    return u;
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        const struct body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NB; j++) {
            const struct body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            e -= b->mass * c->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt) {
    for (int i = 0; i < NB; i++) {
        struct body *b = &bodies[i];
        for (int j = i + 1; j < NB; j++) {
            struct body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            b->vx -= dx * c->mass * mag;
            b->vy -= dy * c->mass * mag;
            b->vz -= dz * c->mass * mag;
            c->vx += dx * b->mass * mag;
            c->vy += dy * b->mass * mag;
            c->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < NB; i++) {
        struct body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

void bench_run(void) {
    // The seed only perturbs the start a little (the last bit of Jupiter's x), so the
    // compiler cannot run the simulation at compile time.
    for (int i = 0; i < NB; i++) bodies[i] = initial[i];
    uint64_t jx = d2u(bodies[1].x) ^ (bench_seed() & 1);
    __builtin_memcpy(&bodies[1].x, &jx, 8);
    // offset the Sun's momentum so the total is zero
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NB; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
    bench_out("energy0   ", d2u(energy()));
    for (unsigned r = 0; r < BENCH_REPS; r++) advance(0.01);
    bench_out("energy1   ", d2u(energy()));
    uint64_t h = 0;
    for (int i = 0; i < NB; i++)
        h = bench_rotl(h, 11) ^ d2u(bodies[i].x) ^ bench_rotl(d2u(bodies[i].y), 21) ^
            bench_rotl(d2u(bodies[i].z), 42);
    bench_out("positions ", h);
}
