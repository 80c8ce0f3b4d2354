namespace Depin.Compute.Backends.Gpu;

/// <summary>SHA-256's working state and round functions, written so that ILGPU keeps them in registers.</summary>
internal struct Sha256State
{
    public uint A, B, C, D, E, F, G, H;

    public static Sha256State Initial => new()
    {
        A = 0x6a09e667, B = 0xbb67ae85, C = 0x3c6ef372, D = 0xa54ff53a, E = 0x510e527f, F = 0x9b05688c, G = 0x1f83d9ab, H = 0x5be0cd19,
    };

    /// <summary>One round; the argument is the round constant plus the message word. Returns the next state.</summary>
    public readonly Sha256State Round(uint constantPlusWord)
    {
        var t1 = H + (Sha256Rounds.Rotr(E, 6) ^ Sha256Rounds.Rotr(E, 11) ^ Sha256Rounds.Rotr(E, 25)) + ((E & F) ^ (~E & G)) + constantPlusWord;
        var t2 = (Sha256Rounds.Rotr(A, 2) ^ Sha256Rounds.Rotr(A, 13) ^ Sha256Rounds.Rotr(A, 22)) + ((A & B) ^ (A & C) ^ (B & C));
        return new Sha256State { A = t1 + t2, B = A, C = B, D = C, E = D + t1, F = E, G = F, H = G };
    }

    public readonly Sha256State Plus(Sha256State o) =>
        new() { A = A + o.A, B = B + o.B, C = C + o.C, D = D + o.D, E = E + o.E, F = F + o.F, G = G + o.G, H = H + o.H };
}

/// <summary>A 64-byte block's sixteen message words, big-endian.</summary>
internal struct Sha256Block
{
    public uint W0, W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15;
}

internal static class Sha256Rounds
{
    /// <summary>
    /// Rounds 16–63 (k holds the 64 round constants from index 0), after rounds 0–15 used the block's words: the
    /// schedule is expanded in place in sixteen registers, never as a 64-word array.
    /// </summary>
    public static Sha256State Rounds16To63(Sha256State st, ILGPU.ArrayView<uint> k, Sha256Block b)
    {
        uint w0 = b.W0, w1 = b.W1, w2 = b.W2, w3 = b.W3, w4 = b.W4, w5 = b.W5, w6 = b.W6, w7 = b.W7;
        uint w8 = b.W8, w9 = b.W9, w10 = b.W10, w11 = b.W11, w12 = b.W12, w13 = b.W13, w14 = b.W14, w15 = b.W15;
        for (var r = 16; r < 64; r += 16)
        {
            w0 += Sigma0(w1) + w9 + Sigma1(w14); st = st.Round(k[r] + w0);
            w1 += Sigma0(w2) + w10 + Sigma1(w15); st = st.Round(k[r + 1] + w1);
            w2 += Sigma0(w3) + w11 + Sigma1(w0); st = st.Round(k[r + 2] + w2);
            w3 += Sigma0(w4) + w12 + Sigma1(w1); st = st.Round(k[r + 3] + w3);
            w4 += Sigma0(w5) + w13 + Sigma1(w2); st = st.Round(k[r + 4] + w4);
            w5 += Sigma0(w6) + w14 + Sigma1(w3); st = st.Round(k[r + 5] + w5);
            w6 += Sigma0(w7) + w15 + Sigma1(w4); st = st.Round(k[r + 6] + w6);
            w7 += Sigma0(w8) + w0 + Sigma1(w5); st = st.Round(k[r + 7] + w7);
            w8 += Sigma0(w9) + w1 + Sigma1(w6); st = st.Round(k[r + 8] + w8);
            w9 += Sigma0(w10) + w2 + Sigma1(w7); st = st.Round(k[r + 9] + w9);
            w10 += Sigma0(w11) + w3 + Sigma1(w8); st = st.Round(k[r + 10] + w10);
            w11 += Sigma0(w12) + w4 + Sigma1(w9); st = st.Round(k[r + 11] + w11);
            w12 += Sigma0(w13) + w5 + Sigma1(w10); st = st.Round(k[r + 12] + w12);
            w13 += Sigma0(w14) + w6 + Sigma1(w11); st = st.Round(k[r + 13] + w13);
            w14 += Sigma0(w15) + w7 + Sigma1(w12); st = st.Round(k[r + 14] + w14);
            w15 += Sigma0(w0) + w8 + Sigma1(w13); st = st.Round(k[r + 15] + w15);
        }
        return st;
    }

    public static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));
    public static uint Sigma0(uint x) => Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
    public static uint Sigma1(uint x) => Rotr(x, 17) ^ Rotr(x, 19) ^ (x >> 10);

    /// <summary>A little-endian 32-bit value as the big-endian word SHA-256 reads.</summary>
    public static uint Swap(uint x) => (x >> 24) | ((x >> 8) & 0xFF00) | ((x << 8) & 0xFF0000) | (x << 24);
}
