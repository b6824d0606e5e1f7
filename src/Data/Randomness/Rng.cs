using System.Numerics;
using System.Text;

namespace Trainer.Data.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018), the generator behind every draw in Trainer.Data. Its 256-bit state
/// is filled from one 64-bit seed by <see cref="SplitMix64"/>; the same seed gives the same stream on every
/// machine. Independent substreams come from <see cref="DeriveSeed(ulong, ulong)"/>: generators give each row,
/// walk or example its own stream keyed by its index, so the bytes do not depend on the thread count.
/// </summary>
/// <remarks>
/// Example: <c>Rng.ForStream(seed: 7, stream: 3)</c> is the generator of item 3 of a job seeded with 7; it
/// draws the same numbers whichever thread runs item 3. Not thread-safe: one instance per thread.
/// </remarks>
public sealed class Rng
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private const float FloatUnit = 1.0f / (1 << 24);
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        Reseed(seed);
    }

    /// <summary>The generator of substream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static Rng ForStream(ulong seed, ulong stream) => new(DeriveSeed(seed, stream));

    /// <summary>The generator of the substream named <paramref name="purpose"/> (e.g. "split", "node-ids").</summary>
    public static Rng ForPurpose(ulong seed, string purpose) => new(DeriveSeed(seed, purpose));

    /// <summary>
    /// Seed of substream <paramref name="stream"/>: Mix(Mix(seed) + stream * golden + c). Mix is a bijection, so
    /// for a fixed seed distinct streams get distinct seeds.
    /// </summary>
    public static ulong DeriveSeed(ulong seed, ulong stream)
    {
        ulong key = SplitMix64.Mix(seed ^ 0x243F6A8885A308D3UL);
        return SplitMix64.Mix(key + stream * 0x9E3779B97F4A7C15UL + 0x6A09E667F3BCC909UL);
    }

    /// <summary>Seed of the substream named by a string (its 64-bit FNV-1a hash is the stream id).</summary>
    public static ulong DeriveSeed(ulong seed, string purpose) => DeriveSeed(seed, HashName(purpose));

    /// <summary>64-bit FNV-1a hash of the UTF-8 bytes of <paramref name="name"/>.</summary>
    public static ulong HashName(string name)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            h = (h ^ b) * 0x100000001B3UL;
        }
        return h;
    }

    /// <summary>Restarts this instance as if it had just been built with <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed)
    {
        var sm = new SplitMix64(seed);
        _s0 = sm.Next();
        _s1 = sm.Next();
        _s2 = sm.Next();
        _s3 = sm.Next();
    }

    /// <summary>Next raw 64-bit output.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Next 32 bits (the high half of a 64-bit output).</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "the range must be positive");
        }
        uint range = (uint)n;
        ulong m = (ulong)NextUInt32() * range;
        uint low = (uint)m;
        if (low < range)
        {
            uint threshold = (0u - range) % range;
            while (low < threshold)
            {
                m = (ulong)NextUInt32() * range;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Uniform integer in [lo, hi).</summary>
    public int NextInt(int lo, int hi) => lo + NextInt(hi - lo);

    /// <summary>Uniform integer in [0, n) for 64-bit ranges, unbiased.</summary>
    public long NextLong(long n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "the range must be positive");
        }
        ulong range = (ulong)n;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }
        return (long)high;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>Uniform double in (0, 1): never 0, so its logarithm is finite.</summary>
    public double NextDoubleOpen() => ((NextUInt64() >> 12) + 0.5) * (1.0 / (1UL << 52));

    /// <summary>Uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * FloatUnit;

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBool(double p) => NextDouble() < p;

    /// <summary>
    /// Standard normal N(0, 1) by the ziggurat method (<see cref="Ziggurat"/>): one 64-bit draw for most
    /// variates, with <see cref="DetMath"/> in the rare wedge and tail steps so the bits are the same everywhere.
    /// </summary>
    public double NextNormal() => Ziggurat.Sample(this);

    /// <summary>Normal with mean <paramref name="mean"/> and standard deviation <paramref name="std"/>.</summary>
    public double NextNormal(double mean, double std) => mean + std * NextNormal();
}
