using System.Collections.Immutable;
using PerfEval.Model;

namespace PerfEval.Grading;

/// <summary>
/// Why a node scored what it did: the method, the arithmetic written out (<c>76% ÷ 95% × 10 = 8.00</c>),
/// a sentence in Chinese and in English, and a reason code for each point given or taken.
/// </summary>
/// <param name="Method">The method that scored a leaf; <see langword="null"/> for a node summed from children.</param>
/// <param name="Arithmetic">The arithmetic, culture-invariant.</param>
/// <param name="Zh">The explanation in Chinese.</param>
/// <param name="En">The explanation in English.</param>
/// <param name="Reasons">Reason codes (<c>BelowTarget</c>, <c>Capped</c>, <c>CriterionNotMet</c> …).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Explanation(MethodKind? Method, string Arithmetic, string Zh, string En, ImmutableArray<string> Reasons)
{
    /// <inheritdoc/>
    public override string ToString() => Arithmetic;
}
