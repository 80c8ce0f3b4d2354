using System.CommandLine;
using Depin.Cli.Output;

namespace Depin.Cli.Commands;

/// <summary>depin accounts create | deposit (operators).</summary>
public static class AccountsCommands
{
    public static Command Create() => new("accounts", "accounts and their funds (operators)") { Subcommands = { CreateAccount(), Deposit() } };

    private static Command CreateAccount()
    {
        var name = new Argument<string>("name");
        var role = new Option<string>("--role") { Description = "client, provider, analyst or operator", Required = true };
        var command = new Command("create", "open an account and print its API key (shown once)") { name, role };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var created = await client.PostAsync("/api/accounts", new { name = p.GetValue(name), role = p.GetValue(role) }, ct);
            if (printer.Json) printer.Document(created);
            else printer.Fields(created, "accountId", "name", "role", "apiKey");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Deposit()
    {
        var account = new Argument<Guid>("account-id");
        var amount = new Argument<long>("amount") { Description = "micro-credits (1 credit = 1,000,000)" };
        var key = new Option<string?>("--idempotency-key") { Description = "repeat the same key on a retry and the account is credited once" };
        var command = new Command("deposit", "credit an account") { account, amount, key };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var headers = p.GetValue(key) is { } k ? new Dictionary<string, string> { ["Idempotency-Key"] = k } : null;
            var balance = await client.PostAsync($"/api/accounts/{p.GetValue(account)}/deposits", new { amount = p.GetValue(amount) }, ct, headers);
            if (printer.Json) printer.Document(balance);
            else printer.Fields(balance, "accountId", "available", "held", "staked", "total");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
