using Depin.EventSourcing.Streams;
using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Depin.Billing.Analytics;

/// <summary>A provider's takings on one UTC day: jobs paid, what clients were charged, the provider's payout and the protocol's fee.</summary>
public sealed class ProviderDay
{
    public string Id { get; set; } = "";
    public Guid ProviderAccountId { get; set; }
    public DateOnly Day { get; set; }
    public long Jobs { get; set; }
    public long Revenue { get; set; }
    public long Payout { get; set; }
    public long Fees { get; set; }
}

/// <summary>A client's money on one UTC day: deposits, jobs paid, what they were charged and what came back from holds.</summary>
public sealed class ClientDay
{
    public string Id { get; set; } = "";
    public Guid ClientAccountId { get; set; }
    public DateOnly Day { get; set; }
    public long Deposited { get; set; }
    public long Jobs { get; set; }
    public long Spent { get; set; }
    public long Refunded { get; set; }
}

/// <summary>Async (the daemon's): one document per provider and day, from settlements (every replica's provider, for a replicated job).</summary>
public sealed class ProviderDayProjection : MultiStreamProjection<ProviderDay, string>
{
    public const string ProjectionName = "provider-days";

    public ProviderDayProjection()
    {
        Name = ProjectionName;
        AnalyticsTuning.Apply(Options);
        Identities<HoldSettled>(e => [.. e.Shares().Select(p => Key(p.ProviderAccountId, e.At)).Distinct()]);
    }

    public static string Key(Guid account, DateTimeOffset at) => $"{account}|{DateOnly.FromDateTime(at.UtcDateTime):yyyy-MM-dd}";

    public override ProviderDay Evolve(ProviderDay? snapshot, string id, IEvent e)
    {
        var day = snapshot ?? new ProviderDay { Id = id };
        if (e.Data is HoldSettled s)
        {
            var provider = Guid.Parse(id.AsSpan(0, id.IndexOf('|')));
            var (charged, amount, fee) = (0L, 0L, 0L);
            foreach (var p in s.Shares())
                if (p.ProviderAccountId == provider) (charged, amount, fee) = (charged + p.Charged, amount + p.Amount, fee + p.Fee);
            (day.ProviderAccountId, day.Day) = (provider, DateOnly.FromDateTime(s.At.UtcDateTime));
            (day.Jobs, day.Revenue, day.Payout, day.Fees) = (day.Jobs + 1, day.Revenue + charged, day.Payout + amount, day.Fees + fee);
        }
        return day;
    }
}

/// <summary>Async (the daemon's): one document per client and day, from deposits, settlements and releases.</summary>
public sealed class ClientDayProjection : MultiStreamProjection<ClientDay, string>
{
    public const string ProjectionName = "client-days";

    public ClientDayProjection()
    {
        Name = ProjectionName;
        AnalyticsTuning.Apply(Options);
        Identity<FundsDeposited>(e => ProviderDayProjection.Key(e.AccountId, e.At));
        Identity<HoldSettled>(e => ProviderDayProjection.Key(e.ClientAccountId, e.At));
        Identity<HoldReleased>(e => ProviderDayProjection.Key(e.ClientAccountId, e.At));
    }

    public override ClientDay Evolve(ClientDay? snapshot, string id, IEvent e)
    {
        var day = snapshot ?? new ClientDay { Id = id };
        switch (e.Data)
        {
            case FundsDeposited d:
                (day.ClientAccountId, day.Day, day.Deposited) = (d.AccountId, DateOnly.FromDateTime(d.At.UtcDateTime), day.Deposited + d.Amount);
                break;
            case HoldSettled s:
                (day.ClientAccountId, day.Day) = (s.ClientAccountId, DateOnly.FromDateTime(s.At.UtcDateTime));
                (day.Jobs, day.Spent, day.Refunded) = (day.Jobs + 1, day.Spent + s.Charged, day.Refunded + s.Released);
                break;
            case HoldReleased r:
                (day.ClientAccountId, day.Day, day.Refunded) = (r.ClientAccountId, DateOnly.FromDateTime(r.At.UtcDateTime), day.Refunded + r.Amount);
                break;
        }
        return day;
    }
}
