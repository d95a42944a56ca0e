namespace PerfEval.Rules.Tests.Fluent;

// Fact types for the fluent DSL tests. Classes (reference identity), mutable where tests update them.
public sealed class Customer
{
    public Customer(int id, bool isPreferred = false)
    {
        Id = id;
        IsPreferred = isPreferred;
    }

    public int Id { get; }

    public bool IsPreferred { get; set; }

    public override string ToString() => "Customer " + Id;
}

public sealed class Order
{
    public Order(int id, int customerId, decimal amount)
    {
        Id = id;
        CustomerId = customerId;
        Amount = amount;
    }

    public int Id { get; }

    public int CustomerId { get; set; }

    public decimal Amount { get; set; }

    public override string ToString() => "Order " + Id;
}

public sealed class Refund
{
    public Refund(int orderId) => OrderId = orderId;

    public int OrderId { get; }
}

public sealed class Audit
{
    public Audit(int customerId) => CustomerId = customerId;

    public int CustomerId { get; }
}

public sealed class Invoice
{
    public Invoice(Order order) => Order = order;

    public Order Order { get; }
}

public sealed class Summary
{
    public Summary(Customer customer, decimal total)
    {
        Customer = customer;
        Total = total;
    }

    public Customer Customer { get; }

    public decimal Total { get; }
}

public sealed class Note
{
    public Note(string text) => Text = text;

    public string Text { get; }

    public override string ToString() => Text;
}

public interface IClock
{
    int Year { get; }
}

public sealed class FixedClock : IClock
{
    public FixedClock(int year) => Year = year;

    public int Year { get; }
}

public sealed class Flag
{
    public Flag(string text) => Text = text;

    public string Text { get; }
}

public sealed class Done
{
    public Done(string text) => Text = text;

    public string Text { get; }
}
