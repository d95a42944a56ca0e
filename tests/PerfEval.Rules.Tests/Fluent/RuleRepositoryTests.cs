using PerfEval.Rules.Fluent;
using PerfEval.Rules.Fluent.Dsl;
using PerfEval.Rules.RuleModel;
using PerfEval.Rules.Tests.Fluent.Loading;

namespace PerfEval.Rules.Tests.Fluent;

/// <summary>Loading rule classes into rule sets, filtering, activation.</summary>
public sealed class RuleRepositoryTests
{
    private const string LoadingNamespace = "PerfEval.Rules.Tests.Fluent.Loading";

    private static bool FromLoading(IRuleMetadata r) => string.Equals(r.RuleType.Namespace, LoadingNamespace, StringComparison.Ordinal);

    private static string[] Names(IRuleSet set) => set.Rules.Select(r => r.Name).ToArray();

    [Fact]
    public void From_an_assembly_loads_concrete_rule_classes_sorted_by_full_name_into_the_default_set()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ScoringRuleA).Assembly).Where(FromLoading).Where(r => !r.IsTagged("configured")));
        var set = Assert.Single(repository.GetRuleSets());
        Assert.Equal("default", set.Name);
        // AuditRule, DerivedRule, ScoringRuleA, ScoringRuleB by full name; BaseRule (abstract) and GenericRule<T> skipped.
        Assert.Equal(new[] { "audit-only", "derived", "scoring-a", "scoring-b" }, Names(set));
    }

    [Fact]
    public void Where_filters_by_tag_and_To_names_the_rule_set()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ScoringRuleA).Assembly).Where(FromLoading).Where(r => r.IsTagged("scoring")).To("national"));
        repository.Load(x => x.From(typeof(ScoringRuleA).Assembly).Where(FromLoading).Where(r => r.IsTagged("audit")).To("audit"));
        var sets = repository.GetRuleSets().ToArray();
        Assert.Equal(new[] { "national", "audit" }, sets.Select(s => s.Name));
        Assert.Equal(new[] { "scoring-a", "scoring-b" }, Names(sets[0]));
        Assert.Equal(new[] { "audit-only", "scoring-b" }, Names(sets[1]));
    }

    [Fact]
    public void Metadata_is_read_from_attributes_before_the_rule_is_created()
    {
        var seen = new List<IRuleMetadata>();
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ScoringRuleA), typeof(DerivedRule), typeof(ThresholdRule)).Where(r =>
        {
            seen.Add(r);
            return false;
        }));
        Assert.Equal(3, seen.Count);
        var a = seen[0];
        Assert.Equal(typeof(ScoringRuleA), a.RuleType);
        Assert.Equal("scoring-a", a.Name);
        Assert.Equal("first scoring rule", a.Description);
        Assert.Equal(5, a.Priority);
        Assert.Equal(RuleRepeatability.Repeatable, a.Repeatability);
        Assert.True(a.IsTagged("scoring"));
        Assert.False(a.IsTagged("Scoring"));
        Assert.True(seen[1].IsTagged("base"));
        Assert.Equal(new[] { "base" }, seen[1].Tags);
        // ThresholdRule has no parameterless constructor, yet filtering it out is fine: nothing was created.
        Assert.Empty(Assert.Single(repository.GetRuleSets()).Rules);
    }

    [Fact]
    public void From_types_keeps_the_given_order_and_ignores_repeats()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ScoringRuleB), typeof(ScoringRuleA)).From(typeof(ScoringRuleB)));
        Assert.Equal(new[] { "scoring-b", "scoring-a" }, Names(repository.GetRuleSets().Single()));
    }

    [Fact]
    public void From_a_type_that_is_not_a_concrete_rule_class_throws()
    {
        var repository = new RuleRepository();
        Assert.Throws<ArgumentException>(() => repository.Load(x => x.From(typeof(string))));
        Assert.Throws<ArgumentException>(() => repository.Load(x => x.From(typeof(BaseRule))));
        Assert.Throws<ArgumentException>(() => repository.Load(x => x.From(typeof(GenericRule<>))));
    }

    [Fact]
    public void Loading_the_same_rule_twice_into_one_set_names_the_class()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ScoringRuleA)).To("s"));
        var e = Assert.Throws<RuleDefinitionException>(() => repository.Load(x => x.From(typeof(ScoringRuleA), typeof(AuditRule)).To("s")));
        Assert.Equal(typeof(ScoringRuleA), e.RuleType);
        Assert.Contains("already has a rule named 'scoring-a'", e.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "scoring-a" }, Names(repository.GetRuleSets().Single()));

        // Into another set it is fine.
        repository.Load(x => x.From(typeof(ScoringRuleA)).To("t"));
        Assert.Equal(2, repository.GetRuleSets().Count());
    }

    [Fact]
    public void A_rule_class_the_default_activator_cannot_create_is_reported()
    {
        var repository = new RuleRepository();
        var e = Assert.Throws<RuleDefinitionException>(() => repository.Load(x => x.From(typeof(ThresholdRule))));
        Assert.Equal(typeof(ThresholdRule), e.RuleType);
        Assert.Contains("could not be created", e.Message, StringComparison.Ordinal);
    }

    private sealed class ConfiguringActivator : IRuleActivator
    {
        public List<Type> Activated { get; } = new();

        public IEnumerable<Rule> Activate(Type type)
        {
            Activated.Add(type);
            return type == typeof(ThresholdRule)
                ? new Rule[] { new ThresholdRule(50m) }
                : new RuleActivator().Activate(type);
        }
    }

    [Fact]
    public void A_custom_activator_creates_rules_the_default_cannot()
    {
        var activator = new ConfiguringActivator();
        var repository = new RuleRepository { Activator = activator };
        repository.Load(x => x.From(typeof(ThresholdRule), typeof(AuditRule)));
        Assert.Equal(new[] { typeof(ThresholdRule), typeof(AuditRule) }, activator.Activated);
        var threshold = repository.GetRuleSets().Single().Rules.First();
        var condition = ((PatternElement)threshold.LeftHandSide.ChildElements[0]).Conditions[0].Expression.Compile();
        Assert.True((bool)condition.DynamicInvoke(new Order(1, 1, 51m))!);
        Assert.False((bool)condition.DynamicInvoke(new Order(1, 1, 50m))!);
    }

    private sealed class WrongTypeActivator : IRuleActivator
    {
        public IEnumerable<Rule> Activate(Type type) => new Rule[] { new AuditRule() };
    }

    [Fact]
    public void An_activator_that_returns_another_class_is_reported()
    {
        var repository = new RuleRepository { Activator = new WrongTypeActivator() };
        var e = Assert.Throws<RuleDefinitionException>(() => repository.Load(x => x.From(typeof(ScoringRuleA))));
        Assert.Equal(typeof(ScoringRuleA), e.RuleType);
        Assert.Throws<ArgumentNullException>(() => repository.Activator = null!);
    }

    [Fact]
    public void A_rule_set_accepts_definitions_made_from_data()
    {
        var order = Element.Declaration(typeof(Order), "order");
        var context = System.Linq.Expressions.Expression.Parameter(typeof(IContext), "ctx");
        var data = new RuleBuilder()
            .Name("from-data")
            .Tag("data")
            .LeftHandSide(Element.Pattern(order))
            .Action(System.Linq.Expressions.Expression.Lambda(System.Linq.Expressions.Expression.Empty(), context))
            .Build();

        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(AuditRule)).To("mixed"));
        var set = repository.GetRuleSet("mixed");
        set.Add(new[] { data });
        Assert.Equal(new[] { "audit-only", "from-data" }, Names(set));
        Assert.Throws<ArgumentException>(() => set.Add(new[] { data }));
        Assert.Equal(2, set.Rules.Count());
    }

    [Fact]
    public void Rule_sets_added_to_the_repository_need_unique_names()
    {
        var repository = new RuleRepository();
        repository.Add(new RuleSet("a"));
        Assert.Throws<ArgumentException>(() => repository.Add(new RuleSet("a")));
        Assert.Same(repository.GetRuleSets().Single(), repository.GetRuleSet("a"));
    }
}
