using System.Reflection;
using System.Text.Json;

namespace Depin.Contracts.Tests;

/// <summary>
/// Pins the wire shape of every contract: namespace (part of the message identity), JSON field names in
/// order, and their types. Adding a field means adding it here too; renaming or retyping one fails,
/// because consumers that are already deployed would break. A breaking change is a new type.
/// </summary>
public class ContractShapeTests
{
    private static readonly Dictionary<string, string> Pinned = new()
    {
        ["Depin.Contracts.Billing.FundsRejected"] = "jobId:Guid, accountId:Guid, requested:long, available:long, reason:string",
        ["Depin.Contracts.Billing.FundsReserved"] = "jobId:Guid, accountId:Guid, amount:long",
        ["Depin.Contracts.Billing.HoldReleased"] = "jobId:Guid, accountId:Guid, amount:long, reason:string",
        ["Depin.Contracts.Billing.NodeStakeChanged"] = "nodeId:Guid, providerAccountId:Guid, bonded:long, version:long, at:DateTimeOffset",
        ["Depin.Contracts.Billing.JobMoney"] = "jobId:Guid, clientAccountId:Guid, status:string, held:long, charged:long?, providerAmount:long?, fee:long?, refunded:long?",
        ["Depin.Contracts.Billing.PaymentSettled"] = "jobId:Guid, clientAccountId:Guid, providerAccountId:Guid, charged:long, providerAmount:long, fee:long, released:long",
        ["Depin.Contracts.Executor.JobHandedBack"] = "jobId:Guid, attempt:int, nodeId:Guid, reason:string, at:DateTimeOffset",
        ["Depin.Contracts.Executor.JobProgressed"] = "jobId:Guid, attempt:int, nodeId:Guid, fraction:double, at:DateTimeOffset",
        ["Depin.Contracts.Executor.JobResultReported"] = "jobId:Guid, attempt:int, nodeId:Guid, resultHash:string, resultJson:string, units:long, elapsedSeconds:double, reportedAt:DateTimeOffset, deviceClass:string?",
        ["Depin.Contracts.Executor.JobStarted"] = "jobId:Guid, attempt:int, nodeId:Guid, startedAt:DateTimeOffset",
        ["Depin.Contracts.Executor.NodeHeartbeat"] = "nodeId:Guid, runningJobs:int, sentAt:DateTimeOffset",
        ["Depin.Contracts.Gateway.AccountOpened"] = "accountId:Guid, name:string, role:string, openedAt:DateTimeOffset",
        ["Depin.Contracts.NodeRegistry.NodeCameOnline"] = "nodeId:Guid, version:long, at:DateTimeOffset",
        ["Depin.Contracts.NodeRegistry.DeviceOffer"] = "deviceClass:string, pricePerUnit:long, gpuMemoryMiB:long?",
        ["Depin.Contracts.NodeRegistry.NodeDrained"] = "nodeId:Guid, version:long, at:DateTimeOffset",
        ["Depin.Contracts.NodeRegistry.NodeRegistered"] = "nodeId:Guid, providerAccountId:Guid, name:string, region:string, capabilities:IReadOnlyList<string>, pricePerUnit:long, stake:long, version:long, offers:IReadOnlyList<DeviceOffer>, slots:int?, suspended:Boolean?",
        ["Depin.Contracts.NodeRegistry.NodeReputationChanged"] = "nodeId:Guid, version:long, score:double, agreementStreak:int, suspended:Boolean, at:DateTimeOffset",
        ["Depin.Contracts.NodeRegistry.NodeWentOffline"] = "nodeId:Guid, version:long, at:DateTimeOffset",
        ["Depin.Contracts.Scheduler.ExecuteJob"] = "jobId:Guid, attempt:int, nodeId:Guid, kernel:string, parametersJson:string, estimatedUnits:long, leaseDeadline:DateTimeOffset, deviceClass:string?",
        ["Depin.Contracts.Scheduler.JobCancelled"] = "jobId:Guid, clientAccountId:Guid, cancelledAt:DateTimeOffset",
        ["Depin.Contracts.Scheduler.JobCompleted"] = "jobId:Guid, clientAccountId:Guid, nodeId:Guid, providerAccountId:Guid, resultHash:string, units:long, pricePerUnit:long, cost:long, completedAt:DateTimeOffset, deviceClass:string?, replicas:IReadOnlyList<ReplicaPayout>",
        ["Depin.Contracts.Scheduler.ReplicaPayout"] = "nodeId:Guid, providerAccountId:Guid, cost:long",
        ["Depin.Contracts.Scheduler.StopJob"] = "jobId:Guid, attempt:int, nodeId:Guid, reason:string, at:DateTimeOffset",
        ["Depin.Contracts.Scheduler.NodeVerdict"] = "verdictId:Guid, jobId:Guid, nodeId:Guid, providerAccountId:Guid?, clientAccountId:Guid?, outcome:string, reason:string, at:DateTimeOffset",
        ["Depin.Contracts.Scheduler.JobFailed"] = "jobId:Guid, clientAccountId:Guid, reason:string, failedAt:DateTimeOffset",
        ["Depin.Contracts.Scheduler.JobSubmitted"] = "jobId:Guid, clientAccountId:Guid, kernel:string, parametersJson:string, maxPricePerUnit:long, estimatedUnits:long, maxCost:long, deadline:DateTimeOffset, replication:int, region:string?",
    };

    private static readonly Type[] Contracts = typeof(Depin.Contracts.Gateway.AccountOpened).Assembly.GetTypes()
        .Where(t => t is { IsPublic: true, IsClass: true } && !(t.IsAbstract && t.IsSealed) && t.Namespace!.StartsWith("Depin.Contracts.", StringComparison.Ordinal)).ToArray();

    private static string Shape(Type type) => string.Join(", ",
        type.GetConstructors().Single().GetParameters().Select(p => $"{JsonNamingPolicy.CamelCase.ConvertName(p.Name!)}:{TypeName(p.ParameterType)}"));

    private static string TypeName(Type t) =>
        Nullable.GetUnderlyingType(t) is { } inner ? TypeName(inner) + "?"
        : t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>"
        : t switch
        {
            _ when t == typeof(string) => "string", _ when t == typeof(long) => "long", _ when t == typeof(int) => "int",
            _ when t == typeof(double) => "double", _ => t.Name,
        };

    [Fact]
    public void Every_contract_is_pinned_and_no_pin_is_stale() =>
        Assert.Equal(Pinned.Keys.Order(StringComparer.Ordinal), Contracts.Select(t => t.FullName!).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_contract_keeps_its_wire_shape()
    {
        foreach (var type in Contracts)
            Assert.True(Normalise(Pinned[type.FullName!]) == Shape(type), $"{type.FullName}: pinned '{Pinned[type.FullName!]}', now '{Shape(type)}'");
    }

    [Fact]
    public void Contracts_round_trip_through_json_by_field_name()
    {
        var original = new Depin.Contracts.Scheduler.JobSubmitted(Guid.NewGuid(), Guid.NewGuid(), "matmul", """{"n":8}""", 10, 2, 20,
            DateTimeOffset.UnixEpoch, 1, "eu");
        var json = JsonSerializer.Serialize(original, JsonSerializerOptions.Web);
        Assert.Contains("\"maxPricePerUnit\":10", json, StringComparison.Ordinal);
        Assert.Equal(original, JsonSerializer.Deserialize<Depin.Contracts.Scheduler.JobSubmitted>(json, JsonSerializerOptions.Web));
    }

    [Fact]
    public void Messages_from_peers_that_predate_device_classes_still_read_with_no_class()
    {
        var execute = JsonSerializer.Deserialize<Depin.Contracts.Scheduler.ExecuteJob>(
            """{"jobId":"0191e0a4-0000-7000-8000-000000000001","attempt":2,"nodeId":"0191e0a4-0000-7000-8000-000000000002","kernel":"matmul","parametersJson":"{}","estimatedUnits":3,"leaseDeadline":"2026-01-01T00:00:00+00:00"}""",
            JsonSerializerOptions.Web)!;
        Assert.Equal((2, "matmul", 3L, (string?)null), (execute.Attempt, execute.Kernel, execute.EstimatedUnits, execute.DeviceClass));
        var registered = JsonSerializer.Deserialize<Depin.Contracts.NodeRegistry.NodeRegistered>(
            """{"nodeId":"0191e0a4-0000-7000-8000-000000000002","providerAccountId":"0191e0a4-0000-7000-8000-000000000003","name":"n","region":"eu","capabilities":["matmul"],"pricePerUnit":7,"stake":0,"version":4}""",
            JsonSerializerOptions.Web)!;
        Assert.Equal((7L, 4L), (registered.PricePerUnit, registered.Version));
        Assert.Null(registered.Offers);
    }

    // Pins are written as in source (Guid, DateTimeOffset, string?, IReadOnlyList<string>); reflection cannot see the nullability of a reference type (string, a list): a nullable one is pinned without "?" except string.
    private static string Normalise(string pinned) => pinned.Replace("string?", "string", StringComparison.Ordinal);
}
