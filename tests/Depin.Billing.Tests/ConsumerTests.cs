using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using Depin.Billing.Ledger;
using Depin.Billing.Messaging;
using Depin.Contracts.Scheduler;
using Depin.ServiceDefaults.Messaging;
using Depin.Billing.Stakes;
using Depin.EventSourcing.Deciding;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Registry = Depin.Contracts.NodeRegistry;
using Scheduled = Depin.Contracts.Scheduler;

namespace Depin.Billing.Tests;

/// <summary>Billing's consumers on the in-memory bus over real Marten storage: holds settle and release once, whatever arrives twice.</summary>
public sealed class ConsumerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly Guid _client = Guid.NewGuid(), _provider = Guid.NewGuid(), _node = Guid.NewGuid();
    private ConsumerHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await ConsumerHarness.StartAsync(BillingModule.Events, BillingModule.ConfigureStore,
            x =>
            {
                x.AddInboxBatchConsumer<JobSubmittedConsumer, JobSubmitted, JobSubmittedConsumerDefinition>();
                x.AddInboxBatchConsumer<JobCompletedConsumer, JobCompleted, JobCompletedConsumerDefinition>();
                x.AddConsumer<JobFailedConsumer>();
                x.AddConsumer<NodeRegisteredConsumer>();
                x.AddInboxBatchConsumer<NodeVerdictConsumer, NodeVerdict, NodeVerdictConsumerDefinition>();
            },
            s => s.AddOptions<BillingOptions>());
        await _harness.Store.DecideAndSaveAsync(AccountDecider.StreamId(_client), AccountDecider.Decider, new Deposit(_client, 10_000, Now), null, default);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Scheduled.JobSubmitted Submitted(Guid jobId, long maxCost) => new(jobId, _client, "matmul", "{}", 1, maxCost, maxCost, Now.AddMinutes(5), 1, null);

    /// <summary>The ledger's sums; the checkpointed available balances must agree with them at every step of every test.</summary>
    private async Task<(long Available, long Escrow, long Provider, long Treasury)> BalancesAsync()
    {
        await using var session = _harness.Store.QuerySession();
        foreach (var account in new[] { _client, _provider, AccountDecider.ProtocolAccountId }.Select(LedgerAccounts.Available))
            Assert.Equal(await LedgerReader.SumAsync(session, account, default), await AvailableBalances.ReadAsync(session, account, default));
        return (await LedgerReader.SumAsync(session, LedgerAccounts.Available(_client), default),
            await LedgerReader.SumAsync(session, LedgerAccounts.Escrow(_client), default),
            await LedgerReader.SumAsync(session, LedgerAccounts.Available(_provider), default),
            await LedgerReader.SumAsync(session, LedgerAccounts.Available(AccountDecider.ProtocolAccountId), default));
    }

    private async Task<IReadOnlyList<object>> HoldEventsAsync(Guid jobId)
    {
        await using var session = _harness.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(HoldDecider.StreamId(jobId))).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task A_completed_job_settles_once_however_often_its_completion_arrives()
    {
        var jobId = Guid.NewGuid();
        await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(jobId, 1_000), Guid.NewGuid());
        Assert.Equal((9_000, 1_000, 0, 0), await BalancesAsync());

        var completed = new Scheduled.JobCompleted(jobId, _client, _node, _provider, "hash", 300, 1, 300, Now);
        var messageId = Guid.NewGuid();
        await _harness.DeliverAsync<Scheduled.JobCompleted>(completed, messageId);
        await _harness.DeliverAsync<Scheduled.JobCompleted>(completed, messageId);        // redelivered: the inbox drops it
        await _harness.DeliverAsync<Scheduled.JobCompleted>(completed, Guid.NewGuid());   // published again: the hold is already settled

        // 300 charged, 5% (15) to the treasury, 285 to the provider, 700 back to the client.
        Assert.Equal((9_700, 0, 285, 15), await BalancesAsync());
        Assert.Collection(await HoldEventsAsync(jobId), e => Assert.IsType<HoldPlaced>(e), e => Assert.Equal(300, Assert.IsType<HoldSettled>(e).Charged));
    }

    private async Task<long> TailRowsAsync(Guid accountId)
    {
        await using var session = _harness.Store.QuerySession();
        return (await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {session.DocumentStore.Options.DatabaseSchemaName}.{AvailableBalances.TailTable} where account = ?", default, LedgerAccounts.Available(accountId))).Single();
    }

    [Fact]
    public async Task A_hold_folds_its_clients_movements_into_a_checkpoint_so_its_balance_check_reads_only_what_moved_since()
    {
        // Deposit, holds, settlements and releases: each moves the client's available money; each hold folds what moved.
        for (var i = 0; i < 4; i++)
        {
            var (done, failed) = (Guid.NewGuid(), Guid.NewGuid());
            await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(done, 1_000), Guid.NewGuid());
            Assert.Equal(1, await TailRowsAsync(_client));   // the hold's own debit, committed after its fold
            await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(failed, 500), Guid.NewGuid());
            await _harness.DeliverAsync<Scheduled.JobCompleted>(new Scheduled.JobCompleted(done, _client, _node, _provider, "hash", 300, 1, 300, Now), Guid.NewGuid());
            await _harness.DeliverAsync<Scheduled.JobFailed>(new Scheduled.JobFailed(failed, _client, "no eligible node", Now), Guid.NewGuid());
            Assert.Equal(3, await TailRowsAsync(_client));   // the hold, the settlement's refund and the release since the last fold
            Assert.Equal((10_000 - 300 * (i + 1), 0, 285 * (i + 1), 15 * (i + 1)), await BalancesAsync());
        }
        // A hold the client cannot afford is decided on the folded balance too: rejected, and nothing moved.
        var tooBig = Guid.NewGuid();
        await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(tooBig, 8_801), Guid.NewGuid());
        Assert.IsType<HoldRejected>(Assert.Single(await HoldEventsAsync(tooBig)));
        Assert.Equal(0, await TailRowsAsync(_client));
        Assert.Equal((8_800, 0, 1_140, 60), await BalancesAsync());
    }

    [Fact]
    public async Task A_credit_committing_while_a_fold_runs_stays_in_the_tail_and_counts_once()
    {
        var account = LedgerAccounts.Available(_client);
        await using (var first = _harness.Store.LightweightSession())
        {
            Assert.Equal(10_000, await AccountLock.LockAndReadAvailableAsync(first, _client, default));   // seeded from the deposit's line
            first.QueueSqlCommand("select 1");   // a session with nothing to save does not commit (a debit always has its events)
            await first.SaveChangesAsync();
        }

        // A credit (as a settlement's refund writes it: a line and its tail row) whose transaction stays open until the
        // fold below has committed: the test holds an advisory lock that the credit's last statement waits for.
        await using var blocker = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionString);
        await blocker.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("select pg_advisory_lock(4242)", blocker)) await take.ExecuteNonQueryAsync();
        var credit = Task.Run(async () =>
        {
            await using var session = _harness.Store.LightweightSession();
            session.Store(new LedgerLine { Id = $"{Guid.NewGuid():N}/0", EntryId = Guid.NewGuid(), Account = account, Amount = 700, Kind = "test", At = Now });
            AvailableBalances.Track(session, account, 700);
            session.QueueSqlCommand("select pg_advisory_xact_lock(4242)");
            await session.SaveChangesAsync();
        });
        await Task.Delay(500);   // the credit's statements have run; its commit waits
        Assert.False(credit.IsCompleted);

        await using (var fold = _harness.Store.LightweightSession())
        {
            Assert.Equal(10_000, await AccountLock.LockAndReadAvailableAsync(fold, _client, default));   // the open credit is not seen
            fold.QueueSqlCommand("select 1");
            await fold.SaveChangesAsync();
        }
        await using (var release = new Npgsql.NpgsqlCommand("select pg_advisory_unlock(4242)", blocker)) await release.ExecuteNonQueryAsync();
        await credit;

        Assert.Equal(1, await TailRowsAsync(_client));   // the fold left the credit's row
        Assert.Equal(10_700, (await BalancesAsync()).Available);
        await using var last = _harness.Store.LightweightSession();
        Assert.Equal(10_700, await AvailableBalances.FoldAsync(last, account, default));
    }

    [Fact]
    public async Task A_jobs_money_is_read_from_its_hold_as_it_moves()
    {
        var (settled, released, held, unknown) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var (jobId, maxCost) in new[] { (settled, 1_000L), (released, 2_000L), (held, 500L) })
            await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(jobId, maxCost), Guid.NewGuid());
        await _harness.DeliverAsync<Scheduled.JobCompleted>(new Scheduled.JobCompleted(settled, _client, _node, _provider, "hash", 300, 1, 300, Now), Guid.NewGuid());
        await _harness.DeliverAsync<Scheduled.JobFailed>(new Scheduled.JobFailed(released, _client, "no eligible node", Now), Guid.NewGuid());

        await using var session = _harness.Store.QuerySession();
        var money = (await JobMoneyReader.ReadAsync(session, [settled, released, held, unknown], default)).ToDictionary(m => m.JobId);

        Assert.Equal(new Depin.Contracts.Billing.JobMoney(settled, _client, "settled", 1_000, 300, 285, 15, 700), money[settled]);
        Assert.Equal(new Depin.Contracts.Billing.JobMoney(released, _client, "released", 2_000, 0, 0, 0, 2_000), money[released]);
        Assert.Equal(new Depin.Contracts.Billing.JobMoney(held, _client, "held", 500, null, null, null, null), money[held]);
        Assert.False(money.ContainsKey(unknown));
    }

    [Fact]
    public async Task A_rejected_or_never_placed_hold_is_money_of_zero()
    {
        var (rejected, voided) = (Guid.NewGuid(), Guid.NewGuid());
        await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(rejected, 50_000), Guid.NewGuid());   // more than the client has
        await _harness.DeliverAsync<Scheduled.JobFailed>(new Scheduled.JobFailed(voided, _client, "cancelled", Now), Guid.NewGuid());

        await using var session = _harness.Store.QuerySession();
        var money = (await JobMoneyReader.ReadAsync(session, [rejected, voided], default)).ToDictionary(m => m.JobId);

        Assert.Equal(new Depin.Contracts.Billing.JobMoney(rejected, _client, "rejected", 0, 0, 0, 0, 0), money[rejected]);
        Assert.Equal(new Depin.Contracts.Billing.JobMoney(voided, _client, "released", 0, 0, 0, 0, 0), money[voided]);
    }

    [Fact]
    public async Task A_registrations_stake_is_bonded_once_and_a_wrong_result_slashes_it_once()
    {
        await _harness.Store.DecideAndSaveAsync(AccountDecider.StreamId(_provider), AccountDecider.Decider, new Deposit(_provider, 5_000, Now), null, default);
        var registered = new Registry.NodeRegistered(_node, _provider, "n1", "eu", ["matmul"], 5, Stake: 2_000, Version: 1);
        var messageId = Guid.NewGuid();
        await _harness.DeliverAsync(registered, messageId);
        await _harness.DeliverAsync(registered, messageId);          // redelivered
        await _harness.DeliverAsync(registered, Guid.NewGuid());     // published again: this registration's stake is bonded
        Assert.Equal((3_000L, 2_000L), await ProviderMoneyAsync());

        var verdictId = Guid.NewGuid();
        var wrong = new Scheduled.NodeVerdict(verdictId, Guid.NewGuid(), _node, _provider, _client, Scheduled.NodeVerdicts.WrongResult, "outvoted 2 to 1", Now);
        await _harness.DeliverAsync(wrong, Guid.NewGuid());
        await _harness.DeliverAsync(wrong, Guid.NewGuid());          // the same verdict again slashes nothing
        await _harness.DeliverAsync(wrong with { VerdictId = Guid.NewGuid(), Outcome = Scheduled.NodeVerdicts.Agreed }, Guid.NewGuid());

        // 10% of 2,000 = 200: 100 to the client, 100 to the treasury.
        Assert.Equal((3_000L, 1_800L), await ProviderMoneyAsync());
        var (available, _, _, treasury) = await BalancesAsync();
        Assert.Equal((10_100L, 100L), (available, treasury));
        await using var session = _harness.Store.QuerySession();
        var slashLines = await session.Query<LedgerLine>().Where(l => l.Kind == "slash").ToListAsync();
        Assert.Equal(3, slashLines.Count);
        Assert.All(slashLines, l => Assert.Equal(verdictId, l.VerdictId));
        var trial = await LedgerReader.TrialBalanceAsync(session, default);
        Assert.Equal((0L, 0L), (trial.Total, trial.UnbalancedEntries));
        var record = await session.LoadAsync<StakeRecord>(StakeDecider.StreamId(_node));
        Assert.Equal((1_800L, 200L, 1), (record!.Bonded, record.Slashed, record.Slashes));
    }

    [Fact]
    public async Task A_registration_asking_more_stake_than_the_provider_has_bonds_nothing()
    {
        await _harness.DeliverAsync(new Registry.NodeRegistered(_node, _provider, "n1", "eu", ["matmul"], 5, Stake: 2_000, Version: 1), Guid.NewGuid());
        Assert.Equal((0L, 0L), await ProviderMoneyAsync());
        await using var session = _harness.Store.QuerySession();
        var record = await session.LoadAsync<StakeRecord>(StakeDecider.StreamId(_node));
        Assert.Contains("available balance 0 is below the 2000", record!.Shortfall);
    }

    private async Task<(long Available, long Staked)> ProviderMoneyAsync()
    {
        await using var session = _harness.Store.QuerySession();
        var balance = await LedgerReader.BalanceAsync(session, _provider, default);
        return (balance.Available, balance.Staked);
    }

    [Fact]
    public async Task A_failed_job_releases_its_hold_once()
    {
        var jobId = Guid.NewGuid();
        await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(jobId, 2_500), Guid.NewGuid());
        var failed = new Scheduled.JobFailed(jobId, _client, "no eligible node within the deadline", Now);
        await _harness.DeliverAsync<Scheduled.JobFailed>(failed, Guid.NewGuid());
        await _harness.DeliverAsync<Scheduled.JobFailed>(failed, Guid.NewGuid());

        Assert.Equal((10_000, 0, 0, 0), await BalancesAsync());
        Assert.Collection(await HoldEventsAsync(jobId), e => Assert.IsType<HoldPlaced>(e), e => Assert.Equal(2_500, Assert.IsType<HoldReleased>(e).Amount));
    }

    [Fact]
    public async Task A_job_that_failed_before_its_hold_was_placed_is_never_charged()
    {
        var jobId = Guid.NewGuid();
        await _harness.DeliverAsync<Scheduled.JobFailed>(new Scheduled.JobFailed(jobId, _client, "cancelled", Now), Guid.NewGuid());
        await _harness.DeliverAsync<Scheduled.JobSubmitted>(Submitted(jobId, 1_000), Guid.NewGuid());   // arrives late

        Assert.Equal((10_000, 0, 0, 0), await BalancesAsync());
        Assert.Equal(0, Assert.IsType<HoldReleased>(Assert.Single(await HoldEventsAsync(jobId))).Amount);
    }

    [Fact]
    public async Task Holds_of_one_client_arriving_together_never_hold_more_than_its_balance()
    {
        // 15 holds of 1,000 against 10,000, published at once so that they are handled in batches: each hold
        // must see the balance the ones before it left, so exactly ten are placed and five rejected.
        var submitted = Enumerable.Range(0, 15).Select(_ => (Message: Submitted(Guid.NewGuid(), 1_000), MessageId: Guid.NewGuid())).ToList();
        await _harness.DeliverAllAsync(submitted);

        Assert.Equal((0, 10_000, 0, 0), await BalancesAsync());
        var outcomes = new List<object>();
        await using var session = _harness.Store.QuerySession();
        foreach (var (message, messageId) in submitted)
        {
            var stored = Assert.Single(await session.Events.FetchStreamAsync(HoldDecider.StreamId(message.JobId)));
            Assert.Equal(messageId.ToString(), stored.CausationId);   // each event names the message that caused it, batch or not
            outcomes.Add(stored.Data);
        }
        Assert.Equal(10, outcomes.OfType<HoldPlaced>().Count());
        Assert.Equal(5, outcomes.OfType<HoldRejected>().Count());
    }
}
