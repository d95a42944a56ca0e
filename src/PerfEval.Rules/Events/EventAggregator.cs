namespace PerfEval.Rules.Events;

/// <summary>Holds the handlers of one level (factory or session) and raises them.</summary>
internal sealed class EventAggregator : IEventProvider
{
    public event EventHandler<WorkingMemoryEventArgs>? FactInsertingEvent;

    public event EventHandler<WorkingMemoryEventArgs>? FactInsertedEvent;

    public event EventHandler<WorkingMemoryEventArgs>? FactUpdatingEvent;

    public event EventHandler<WorkingMemoryEventArgs>? FactUpdatedEvent;

    public event EventHandler<WorkingMemoryEventArgs>? FactRetractingEvent;

    public event EventHandler<WorkingMemoryEventArgs>? FactRetractedEvent;

    public event EventHandler<AgendaEventArgs>? ActivationCreatedEvent;

    public event EventHandler<AgendaEventArgs>? ActivationUpdatedEvent;

    public event EventHandler<AgendaEventArgs>? ActivationDeletedEvent;

    public event EventHandler<AgendaEventArgs>? RuleFiringEvent;

    public event EventHandler<AgendaEventArgs>? RuleFiredEvent;

    public event EventHandler<LhsExpressionErrorEventArgs>? LhsExpressionFailedEvent;

    public event EventHandler<RhsExpressionErrorEventArgs>? RhsExpressionFailedEvent;

    public bool HasFactHandlers =>
        FactInsertingEvent is not null || FactInsertedEvent is not null || FactUpdatingEvent is not null ||
        FactUpdatedEvent is not null || FactRetractingEvent is not null || FactRetractedEvent is not null;

    public bool HasAgendaHandlers =>
        ActivationCreatedEvent is not null || ActivationUpdatedEvent is not null || ActivationDeletedEvent is not null ||
        RuleFiringEvent is not null || RuleFiredEvent is not null;

    public void Raise(FactEvent kind, object sender, WorkingMemoryEventArgs args)
    {
        var h = kind switch
        {
            FactEvent.Inserting => FactInsertingEvent,
            FactEvent.Inserted => FactInsertedEvent,
            FactEvent.Updating => FactUpdatingEvent,
            FactEvent.Updated => FactUpdatedEvent,
            FactEvent.Retracting => FactRetractingEvent,
            _ => FactRetractedEvent,
        };
        h?.Invoke(sender, args);
    }

    public void Raise(AgendaEvent kind, object sender, AgendaEventArgs args)
    {
        var h = kind switch
        {
            AgendaEvent.Created => ActivationCreatedEvent,
            AgendaEvent.Updated => ActivationUpdatedEvent,
            AgendaEvent.Deleted => ActivationDeletedEvent,
            AgendaEvent.Firing => RuleFiringEvent,
            _ => RuleFiredEvent,
        };
        h?.Invoke(sender, args);
    }

    public void Raise(object sender, LhsExpressionErrorEventArgs args) => LhsExpressionFailedEvent?.Invoke(sender, args);

    public void Raise(object sender, RhsExpressionErrorEventArgs args) => RhsExpressionFailedEvent?.Invoke(sender, args);
}

internal enum FactEvent
{
    Inserting,
    Inserted,
    Updating,
    Updated,
    Retracting,
    Retracted,
}

internal enum AgendaEvent
{
    Created,
    Updated,
    Deleted,
    Firing,
    Fired,
}
