namespace Depin.Billing.Ledger;

public static class LedgerTables
{
    /// <summary>
    /// Double-entry ledger: one entry per money-moving event, its lines sum to zero. Ledger accounts are
    /// account ids, plus 'escrow' (holds) and 'external' (where deposits come from).
    /// </summary>
    public const string Ddl = """
        create table if not exists ledger (
            entry_id uuid not null,
            line int not null,
            account text not null,
            amount bigint not null,
            kind text not null,
            job_id uuid,
            at timestamptz not null,
            primary key (entry_id, line));
        create index if not exists ledger_by_account on ledger (account, at);
        create table if not exists known_accounts (
            account_id uuid primary key,
            name text not null,
            role text not null);
        """;
}
