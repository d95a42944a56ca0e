namespace PerfEval.Serialization;

/// <summary>
/// Limits applied when reading PerfEval's JSON files (evaluations, schemes, JSON Lines batches).
/// Limits are checked before anything is allocated for the content.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record JsonFileOptions
{
    /// <summary>The highest <see cref="MaxDepth"/> accepted.</summary>
    public const int DepthCeiling = 256;

    private readonly long _maxBytes = 16L * 1024 * 1024;
    private readonly int _maxDepth = 64;

    /// <summary>The defaults: 16 MiB per file (or per JSON Lines record), nesting depth 64.</summary>
    public static JsonFileOptions Default { get; } = new();

    /// <summary>The largest file, or JSON Lines record, in bytes (default 16 MiB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When set to zero or less, or above <see cref="int.MaxValue"/>.</exception>
    public long MaxBytes
    {
        get => _maxBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, int.MaxValue);
            _maxBytes = value;
        }
    }

    /// <summary>The deepest nesting of JSON objects and arrays (default 64, at most <see cref="DepthCeiling"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When set outside 1…<see cref="DepthCeiling"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, DepthCeiling);
            _maxDepth = value;
        }
    }
}
