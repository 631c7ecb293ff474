using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EthGov.Core.Digests;

namespace EthGov.Core.Merkle;

/// <summary>
/// Keccak-256 of four inputs at once, one in each 64-bit element of 256-bit vectors, for the two fixed shapes a Merkle
/// batch hashes millions of times: a leaf (keccak256(keccak256(bytes32))) and an inner node (keccak256 of 64 bytes).
/// </summary>
/// <remarks>
/// Written by hand because no library offers a multi-buffer Keccak for .NET, and the tree's hashing is most of the
/// CPU an anchoring burst costs. Inputs shorter than the 136-byte rate fit one block, so the padded state is known
/// up front and each hash is one permutation. Where the CPU has no 256-bit vectors, <see cref="Keccak256"/> does the work
/// one input at a time; the results are the same, which the tests check against it.
/// </remarks>
internal static class KeccakLanes
{
    /// <summary>Whether the four-way path runs in hardware.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    // The padding of a one-block message: 0x01 after the input, 0x80 in the last byte of the 136-byte block.
    private const ulong PadStart = 0x01;
    private const ulong PadEnd = 0x80UL << 56;

    /// <summary>Writes <c>MerkleTree.HashLeaf(values[i])</c> to <paramref name="leaves"/>[i] for every i.</summary>
    public static void HashLeaves(ReadOnlySpan<Digest> values, Span<Digest> leaves)
    {
        int i = 0;
        if (IsAccelerated)
        {
            for (; i + 4 <= values.Length; i += 4)
            {
                var state = new State
                {
                    A00 = Lane(values, i, 0), A01 = Lane(values, i, 1), A02 = Lane(values, i, 2), A03 = Lane(values, i, 3),
                    A04 = Vector256.Create(PadStart), A16 = Vector256.Create(PadEnd),
                };
                Permute(ref state);
                state = new State
                {
                    A00 = state.A00, A01 = state.A01, A02 = state.A02, A03 = state.A03,
                    A04 = Vector256.Create(PadStart), A16 = Vector256.Create(PadEnd),
                };
                Permute(ref state);
                Store(ref state, leaves, i);
            }
        }

        for (; i < values.Length; i++)
        {
            leaves[i] = MerkleTree.HashLeaf(values[i]);
        }
    }

    /// <summary>Writes <c>MerkleTree.HashPair(nodes[2k + 1], nodes[2k + 2])</c> to <paramref name="nodes"/>[k] for k in [from, to).</summary>
    public static void HashLevel(Span<Digest> nodes, int from, int to)
    {
        int k = from;
        if (IsAccelerated)
        {
            Span<Digest> low = stackalloc Digest[4];
            Span<Digest> high = stackalloc Digest[4];
            for (; k + 4 <= to; k += 4)
            {
                for (int j = 0; j < 4; j++)
                {
                    var a = nodes[2 * (k + j) + 1];
                    var b = nodes[2 * (k + j) + 2];
                    (low[j], high[j]) = a > b ? (b, a) : (a, b);
                }

                var state = new State
                {
                    A00 = Lane(low, 0, 0), A01 = Lane(low, 0, 1), A02 = Lane(low, 0, 2), A03 = Lane(low, 0, 3),
                    A04 = Lane(high, 0, 0), A05 = Lane(high, 0, 1), A06 = Lane(high, 0, 2), A07 = Lane(high, 0, 3),
                    A08 = Vector256.Create(PadStart), A16 = Vector256.Create(PadEnd),
                };
                Permute(ref state);
                Store(ref state, nodes, k);
            }
        }

        for (; k < to; k++)
        {
            nodes[k] = MerkleTree.HashPair(nodes[2 * k + 1], nodes[2 * k + 2]);
        }
    }

    // Keccak reads its input as little-endian lanes; a digest keeps its bytes as big-endian words.
    private static Vector256<ulong> Lane(ReadOnlySpan<Digest> digests, int first, int word) => Vector256.Create(
        BinaryPrimitives.ReverseEndianness(digests[first].Word(word)),
        BinaryPrimitives.ReverseEndianness(digests[first + 1].Word(word)),
        BinaryPrimitives.ReverseEndianness(digests[first + 2].Word(word)),
        BinaryPrimitives.ReverseEndianness(digests[first + 3].Word(word)));

    // The hash is the first 32 bytes of the state: lanes 0 to 3.
    private static void Store(ref State state, Span<Digest> destination, int first)
    {
        for (int j = 0; j < 4; j++)
        {
            destination[first + j] = Digest.FromWords(
                BinaryPrimitives.ReverseEndianness(state.A00.GetElement(j)),
                BinaryPrimitives.ReverseEndianness(state.A01.GetElement(j)),
                BinaryPrimitives.ReverseEndianness(state.A02.GetElement(j)),
                BinaryPrimitives.ReverseEndianness(state.A03.GetElement(j)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rol(Vector256<ulong> x, [ConstantExpected] byte n)
        => Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, n) : Vector256.ShiftLeft(x, n) | Vector256.ShiftRightLogical(x, 64 - n);

    // Keccak-f[1600] on four states, the same steps as Keccak256.Permute (lane aXY is AXY with index x + 5y).
    private static void Permute(ref State s)
    {
        var a00 = s.A00; var a01 = s.A01; var a02 = s.A02; var a03 = s.A03; var a04 = s.A04;
        var a05 = s.A05; var a06 = s.A06; var a07 = s.A07; var a08 = s.A08; var a09 = s.A09;
        var a10 = s.A10; var a11 = s.A11; var a12 = s.A12; var a13 = s.A13; var a14 = s.A14;
        var a15 = s.A15; var a16 = s.A16; var a17 = s.A17; var a18 = s.A18; var a19 = s.A19;
        var a20 = s.A20; var a21 = s.A21; var a22 = s.A22; var a23 = s.A23; var a24 = s.A24;
        for (int round = 0; round < 24; round++)
        {
            var c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            var c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            var c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            var c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            var c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            var d0 = c4 ^ Rol(c1, 1);
            var d1 = c0 ^ Rol(c2, 1);
            var d2 = c1 ^ Rol(c3, 1);
            var d3 = c2 ^ Rol(c4, 1);
            var d4 = c3 ^ Rol(c0, 1);
            var b00 = a00 ^ d0;
            var b01 = Rol(a06 ^ d1, 44);
            var b02 = Rol(a12 ^ d2, 43);
            var b03 = Rol(a18 ^ d3, 21);
            var b04 = Rol(a24 ^ d4, 14);
            var b05 = Rol(a03 ^ d3, 28);
            var b06 = Rol(a09 ^ d4, 20);
            var b07 = Rol(a10 ^ d0, 3);
            var b08 = Rol(a16 ^ d1, 45);
            var b09 = Rol(a22 ^ d2, 61);
            var b10 = Rol(a01 ^ d1, 1);
            var b11 = Rol(a07 ^ d2, 6);
            var b12 = Rol(a13 ^ d3, 25);
            var b13 = Rol(a19 ^ d4, 8);
            var b14 = Rol(a20 ^ d0, 18);
            var b15 = Rol(a04 ^ d4, 27);
            var b16 = Rol(a05 ^ d0, 36);
            var b17 = Rol(a11 ^ d1, 10);
            var b18 = Rol(a17 ^ d2, 15);
            var b19 = Rol(a23 ^ d3, 56);
            var b20 = Rol(a02 ^ d2, 62);
            var b21 = Rol(a08 ^ d3, 55);
            var b22 = Rol(a14 ^ d4, 39);
            var b23 = Rol(a15 ^ d0, 41);
            var b24 = Rol(a21 ^ d1, 2);
            a00 = b00 ^ Vector256.AndNot(b02, b01);
            a01 = b01 ^ Vector256.AndNot(b03, b02);
            a02 = b02 ^ Vector256.AndNot(b04, b03);
            a03 = b03 ^ Vector256.AndNot(b00, b04);
            a04 = b04 ^ Vector256.AndNot(b01, b00);
            a05 = b05 ^ Vector256.AndNot(b07, b06);
            a06 = b06 ^ Vector256.AndNot(b08, b07);
            a07 = b07 ^ Vector256.AndNot(b09, b08);
            a08 = b08 ^ Vector256.AndNot(b05, b09);
            a09 = b09 ^ Vector256.AndNot(b06, b05);
            a10 = b10 ^ Vector256.AndNot(b12, b11);
            a11 = b11 ^ Vector256.AndNot(b13, b12);
            a12 = b12 ^ Vector256.AndNot(b14, b13);
            a13 = b13 ^ Vector256.AndNot(b10, b14);
            a14 = b14 ^ Vector256.AndNot(b11, b10);
            a15 = b15 ^ Vector256.AndNot(b17, b16);
            a16 = b16 ^ Vector256.AndNot(b18, b17);
            a17 = b17 ^ Vector256.AndNot(b19, b18);
            a18 = b18 ^ Vector256.AndNot(b15, b19);
            a19 = b19 ^ Vector256.AndNot(b16, b15);
            a20 = b20 ^ Vector256.AndNot(b22, b21);
            a21 = b21 ^ Vector256.AndNot(b23, b22);
            a22 = b22 ^ Vector256.AndNot(b24, b23);
            a23 = b23 ^ Vector256.AndNot(b20, b24);
            a24 = b24 ^ Vector256.AndNot(b21, b20);
            a00 ^= Vector256.Create(Keccak256.s_roundConstants[round]);
        }

        s.A00 = a00; s.A01 = a01; s.A02 = a02; s.A03 = a03; s.A04 = a04;
        s.A05 = a05; s.A06 = a06; s.A07 = a07; s.A08 = a08; s.A09 = a09;
        s.A10 = a10; s.A11 = a11; s.A12 = a12; s.A13 = a13; s.A14 = a14;
        s.A15 = a15; s.A16 = a16; s.A17 = a17; s.A18 = a18; s.A19 = a19;
        s.A20 = a20; s.A21 = a21; s.A22 = a22; s.A23 = a23; s.A24 = a24;
    }

    private struct State
    {
        public Vector256<ulong> A00, A01, A02, A03, A04, A05, A06, A07, A08, A09, A10, A11, A12;
        public Vector256<ulong> A13, A14, A15, A16, A17, A18, A19, A20, A21, A22, A23, A24;
    }
}
