// mandelbrot: the Mandelbrot set in double precision. Prints a 72x28 ASCII picture
// (the escape iteration count mapped to a character), then a finer 160x120 grid's
// total iteration count and a hash of every point's count, and at a few points the
// exact final |z|^2 (fpfmt.h, 17 digits): a single wrongly rounded multiply or add
// changes the escape iteration of some border point, or at least those last digits.
// Expected output: the same source compiled for x86-64, and QEMU (fp_expected.sh).
#include "guest.h"
#include "fpfmt.h"

static volatile double x_min_cell = -2.2, x_max_cell = 0.8, y_min_cell = -1.2, y_max_cell = 1.2;

// Iterations until |z|^2 > 4 (max_iter if it never escapes); *mag = final |z|^2.
static int escape(double cr, double ci, int max_iter, double *mag) {
    double zr = 0, zi = 0, r2 = 0, i2 = 0;
    int n = 0;
    while (n < max_iter && r2 + i2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = r2 - i2 + cr;
        r2 = zr * zr;
        i2 = zi * zi;
        n++;
    }
    *mag = r2 + i2;
    return n;
}

int main(void) {
    uart_init();
    const double x0 = x_min_cell, x1 = x_max_cell, y0 = y_min_cell, y1 = y_max_cell;
    static const char shades[] = " .:-=+*#%@";
    double mag;

    const int W = 72, H = 28, ART_ITER = 100;
    for (int row = 0; row < H; row++) {
        char line[80];
        double ci = y1 - (y1 - y0) * row / (H - 1);
        for (int col = 0; col < W; col++) {
            double cr = x0 + (x1 - x0) * col / (W - 1);
            int n = escape(cr, ci, ART_ITER, &mag);
            line[col] = n >= ART_ITER ? '@' : shades[n % 9];
        }
        line[W] = 0;
        put_line(line);
    }

    const int GW = 160, GH = 120, GRID_ITER = 128;
    uint64_t total = 0, h = 0xcbf29ce484222325ull, inside = 0;
    for (int row = 0; row < GH; row++) {
        double ci = y0 + (y1 - y0) * (row + 0.5) / GH;
        for (int col = 0; col < GW; col++) {
            double cr = x0 + (x1 - x0) * (col + 0.5) / GW;
            int n = escape(cr, ci, GRID_ITER, &mag);
            total += (uint64_t)n;
            inside += n == GRID_ITER;
            h = (h ^ (uint64_t)n) * 0x100000001b3ull;
        }
    }
    put_str("grid iterations ");
    put_dec(total);
    put_str(" inside ");
    put_dec(inside);
    put_str(" hash ");
    put_hex(h);
    put_nl();

    static const double probes[][2] = {
        {-0.75, 0.1}, {-0.7454, 0.1130}, {0.25, 0.0001}, {-1.25, 0.02},
        {-0.1015, 0.633}, {0.2821, 0.01}, {-1.768, 0.001}, {-0.5, 0.56},
    };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        int n = escape(probes[i][0], probes[i][1], 1000, &mag);
        put_str("c = ");
        put_g17(probes[i][0]);
        put_str(" ");
        put_g17(probes[i][1]);
        put_str(" n = ");
        put_dec((uint64_t)n);
        put_str(" |z|^2 = ");
        put_g17(mag);
        put_nl();
    }
    return 0;
}
