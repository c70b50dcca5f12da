using System.Numerics;
using KzMigration.Scoring;

namespace KzMigration.Statistics;

/// <summary>
/// xoshiro256** pseudo-random generator (Blackman &amp; Vigna, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 2021), seeded through SplitMix64. Used instead of <see cref="Random"/> so that a
/// seed gives the same draws on every platform and .NET version: the algorithm is fixed here, not by the runtime.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>SplitMix64 step (Steele, Lea &amp; Flood 2014): advances x and returns a well-mixed 64-bit value.</summary>
    public static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An independent stream for chunk <paramref name="index"/> of a run with master seed <paramref name="seed"/>.</summary>
    public static Xoshiro256 ForChunk(ulong seed, long index)
    {
        var x = seed ^ 0x6A09E667F3BCC909UL;
        var mixed = SplitMix64(ref x);
        x = mixed + (ulong)index * 0xD1B54A32D192ED03UL;
        return new Xoshiro256(SplitMix64(ref x));
    }

    public ulong Next()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
