// dft: the discrete Fourier transform of a known signal, in double and in float.
//   x[n] = 0.25 + cos(2 pi 3 n / N) + 0.5 sin(2 pi 7 n / N) - 0.125 cos(2 pi 20 n / N)
// A naive O(N^2) DFT (N = 64) prints every bin up to N/2 at full precision (17
// significant digits for double, 9 for float); an iterative radix-2 FFT (N = 256) is
// checked against the same signal, inverted, and reports the largest round-trip error
// and a hash of all its output bits. sin/cos are computed here (no libm): a Taylor
// polynomial in a fixed order of operations, so every target computes the same bits.
// Expected output: the same source compiled for x86-64, and QEMU (fp_expected.sh).
#include "guest.h"
#include "fpfmt.h"

#define PI 3.14159265358979323846

// sin on [-pi, pi] by Horner's rule on the Taylor series (terms to x^31).
static double my_sin(double x) {
    double x2 = x * x, t = 0;
    for (int k = 31; k >= 3; k -= 2) t = (t + 1.0) * -x2 / (double)(k * (k - 1));
    return x * (t + 1.0);
}

static double my_cos(double x) {
    double x2 = x * x, t = 0;
    for (int k = 30; k >= 2; k -= 2) t = (t + 1.0) * -x2 / (double)(k * (k - 1));
    return t + 1.0;
}

// Angle 2 pi j / n reduced to [-pi, pi].
static double angle(int j, int n) {
    j %= n;
    if (2 * j > n) j -= n;
    return 2.0 * PI * j / n;
}

#define N1 64
#define N2 256

static double sig_d[N2];
static float sig_f[N2];
static double tc[N2], ts[N2];  // cos/sin(2 pi j / N)
static float tcf[N2], tsf[N2];

static void make(int n) {
    for (int j = 0; j < n; j++) {
        tc[j] = my_cos(angle(j, n));
        ts[j] = my_sin(angle(j, n));
        tcf[j] = (float)tc[j];
        tsf[j] = (float)ts[j];
    }
    for (int i = 0; i < n; i++) {
        sig_d[i] = 0.25 + tc[3 * i % n] + 0.5 * ts[7 * i % n] - 0.125 * tc[20 * i % n];
        sig_f[i] = (float)sig_d[i];
    }
}

static void dft_d(int n, double *re, double *im) {
    for (int k = 0; k < n; k++) {
        double sr = 0, si = 0;
        for (int i = 0; i < n; i++) {
            int j = k * i % n;
            sr += sig_d[i] * tc[j];
            si -= sig_d[i] * ts[j];
        }
        re[k] = sr;
        im[k] = si;
    }
}

static void dft_f(int n, float *re, float *im) {
    for (int k = 0; k < n; k++) {
        float sr = 0, si = 0;
        for (int i = 0; i < n; i++) {
            int j = k * i % n;
            sr += sig_f[i] * tcf[j];
            si -= sig_f[i] * tsf[j];
        }
        re[k] = sr;
        im[k] = si;
    }
}

// In-place iterative radix-2 FFT; sign -1 forward, +1 inverse (unscaled).
static void fft_d(int n, double *re, double *im, int sign) {
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        int step = n / len;
        for (int i = 0; i < n; i += len)
            for (int k = 0; k < len / 2; k++) {
                double wr = tc[k * step], wi = sign * ts[k * step];
                int a = i + k, b = i + k + len / 2;
                double xr = re[b] * wr - im[b] * wi;
                double xi = re[b] * wi + im[b] * wr;
                re[b] = re[a] - xr;
                im[b] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
    }
}

static void fft_f(int n, float *re, float *im, int sign) {
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            float t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        int step = n / len;
        for (int i = 0; i < n; i += len)
            for (int k = 0; k < len / 2; k++) {
                float wr = tcf[k * step], wi = (float)sign * tsf[k * step];
                int a = i + k, b = i + k + len / 2;
                float xr = re[b] * wr - im[b] * wi;
                float xi = re[b] * wi + im[b] * wr;
                re[b] = re[a] - xr;
                im[b] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
    }
}

static uint64_t fold(uint64_t h, const void *p, unsigned bytes) {
    const uint8_t *b = p;
    for (unsigned i = 0; i < bytes; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static double re_d[N2], im_d[N2];
static float re_f[N2], im_f[N2];

int main(void) {
    uart_init();
    put_str("sin(1) ");
    put_g17(my_sin(1.0));
    put_str(" cos(1) ");
    put_g17(my_cos(1.0));
    put_str(" sin(pi/6) ");
    put_g17(my_sin(PI / 6));
    put_nl();

    make(N1);
    dft_d(N1, re_d, im_d);
    dft_f(N1, re_f, im_f);
    for (int k = 0; k <= N1 / 2; k++) {
        put_str("bin ");
        put_dec((uint64_t)k);
        put_str(" d ");
        put_g17(re_d[k]);
        put_char(' ');
        put_g17(im_d[k]);
        put_str(" f ");
        put_g9f(re_f[k]);
        put_char(' ');
        put_g9f(im_f[k]);
        put_nl();
    }

    make(N2);
    for (int i = 0; i < N2; i++) {
        re_d[i] = sig_d[i];
        im_d[i] = 0;
        re_f[i] = sig_f[i];
        im_f[i] = 0;
    }
    fft_d(N2, re_d, im_d, -1);
    fft_f(N2, re_f, im_f, -1);
    static const int show[] = {0, 3, 7, 20, 128, 236, 249, 253};
    for (unsigned s = 0; s < sizeof show / sizeof show[0]; s++) {
        int k = show[s];
        put_str("fft bin ");
        put_dec((uint64_t)k);
        put_str(" d ");
        put_g17(re_d[k]);
        put_char(' ');
        put_g17(im_d[k]);
        put_str(" f ");
        put_g9f(re_f[k]);
        put_char(' ');
        put_g9f(im_f[k]);
        put_nl();
    }
    uint64_t h = 0xcbf29ce484222325ull;
    h = fold(h, re_d, sizeof re_d);
    h = fold(h, im_d, sizeof im_d);
    h = fold(h, re_f, sizeof re_f);
    h = fold(h, im_f, sizeof im_f);
    put_str("fft hash ");
    put_hex(h);
    put_nl();

    fft_d(N2, re_d, im_d, 1);
    fft_f(N2, re_f, im_f, 1);
    double err_d = 0;
    float err_f = 0;
    for (int i = 0; i < N2; i++) {
        double e = __builtin_fabs(re_d[i] / N2 - sig_d[i]) + __builtin_fabs(im_d[i] / N2);
        float ef = __builtin_fabsf(re_f[i] / N2 - sig_f[i]) + __builtin_fabsf(im_f[i] / N2);
        err_d = e > err_d ? e : err_d;
        err_f = ef > err_f ? ef : err_f;
    }
    put_str("round trip max error d ");
    put_g17(err_d);
    put_str(" f ");
    put_g9f(err_f);
    put_nl();
    return 0;
}
