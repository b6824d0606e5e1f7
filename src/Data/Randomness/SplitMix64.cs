namespace Trainer.Data.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit counter passed through an avalanche mix. Used only to
/// expand one seed into the 256-bit state of <see cref="Rng"/> and to derive sub-seeds, never to draw data.
/// </summary>
/// <remarks>
/// Example: <c>new SplitMix64(0).Next()</c> is <c>0xE220A8397B1DCDAF</c> (the published reference value).
/// </remarks>
public struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Starts the counter at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>Advances the counter by the golden-ratio increment and returns its mix.</summary>
    public ulong Next()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>The SplitMix64 finaliser: a bijection of 64-bit words with full avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
