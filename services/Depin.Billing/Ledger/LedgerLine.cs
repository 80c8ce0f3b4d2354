namespace Depin.Billing.Ledger;

/// <summary>
/// One line of a balanced ledger entry. Lines are only ever inserted (id = event id / line number), never
/// updated, so any number of entries may credit the same provider or the treasury at once without contention.
/// </summary>
public sealed class LedgerLine
{
    public string Id { get; set; } = "";
    public Guid EntryId { get; set; }
    public int Line { get; set; }
    public string Account { get; set; } = "";
    public long Amount { get; set; }
    public string Kind { get; set; } = "";
    public Guid? JobId { get; set; }

    /// <summary>The verdict a slashing entry rests on (the scheduler's evidence); null on every other entry.</summary>
    public Guid? VerdictId { get; set; }
    public DateTimeOffset At { get; set; }
}
