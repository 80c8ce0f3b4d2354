using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Depin.Billing.Ledger;

/// <summary>
/// Inline: the entry of each money-moving event is written in the same transaction as the event, with the tail rows of
/// its lines on available accounts (<see cref="AvailableBalances"/>).
/// </summary>
public sealed partial class LedgerProjection : EventProjection
{
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var entry = LedgerEntries.Of(e.Data);
        var line = 0;
        foreach (var (account, amount) in entry.Lines)
        {
            if (amount == 0) continue;
            operations.Store(new LedgerLine
            {
                Id = $"{e.Id:N}/{line}", EntryId = e.Id, Line = line++, Account = account, Amount = amount, Kind = entry.Kind, JobId = entry.JobId,
                VerdictId = entry.VerdictId, At = e.Timestamp,
            });
            if (AvailableBalances.Tracks(account)) AvailableBalances.Track(operations, account, amount);
        }
        return ValueTask.CompletedTask;
    }
}
