using PerfEval.Rules.RuleModel;

namespace PerfEval.Rules.Runtime;

internal static class NetworkBuilder
{
    public static ISessionFactory Build(IEnumerable<IRuleDefinition> rules, CancellationToken cancellationToken)
    {
        _ = rules;
        cancellationToken.ThrowIfCancellationRequested();
        throw new NotImplementedException();
    }
}
