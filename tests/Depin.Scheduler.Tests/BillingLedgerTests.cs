using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs.Paying;
using Depin.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Tests;

/// <summary>How the scheduler asks billing for jobs' money: as its caller, in questions billing accepts, and never failing a job view.</summary>
public sealed class BillingLedgerTests
{
    private const string Key = "a-signing-key-of-at-least-thirty-two-characters";
    private static readonly Guid Caller = Guid.NewGuid();

    private sealed class Billing(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Asked.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private static BillingLedger Ledger(Billing billing) =>
        new(new HttpClient(billing) { BaseAddress = new Uri("http://billing.test:5103") },
            new OnBehalfOf(Options.Create(new InternalAuthOptions { SigningKey = Key }), TimeProvider.System), NullLogger<BillingLedger>.Instance);

    private static DefaultHttpContext CallerContext() => new()
    {
        User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Caller.ToString()), new Claim(ClaimTypes.Role, Roles.Client)], "test")),
    };

    private static IEnumerable<Guid> AskedIds(HttpRequestMessage request) =>
        System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["ids"]!.Split(',').Select(Guid.Parse);

    [Fact]
    public async Task Many_jobs_are_asked_in_questions_of_a_hundred_each_signed_as_the_caller()
    {
        var billing = new Billing(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = JsonContent.Create(AskedIds(request).Select(id => new JobMoney(id, Caller, "settled", 10, 7, 6, 1, 3)).ToList()),
        });
        var jobs = Enumerable.Range(0, 250).Select(_ => Guid.NewGuid()).ToList();

        var money = await Ledger(billing).MoneyOfAsync(CallerContext(), jobs, default);

        Assert.Equal([100, 100, 50], billing.Asked.Select(r => AskedIds(r).Count()));
        Assert.Equal(jobs.Order(), money.Keys.Order());
        Assert.All(money.Values, m => Assert.Equal(7, m.Charged));
        Assert.All(billing.Asked, request =>
        {
            string Header(string name) => request.Headers.GetValues(name).Single();
            Assert.Equal(Caller.ToString(), Header(GatewaySignature.AccountHeader));
            Assert.Equal(Roles.Client, Header(GatewaySignature.RoleHeader));
            Assert.True(GatewaySignature.Verify(Key, Caller, Roles.Client, long.Parse(Header(GatewaySignature.IssuedHeader), System.Globalization.CultureInfo.InvariantCulture),
                "GET", request.RequestUri!.PathAndQuery, Header(GatewaySignature.SignatureHeader)));
        });
    }

    [Fact]
    public async Task Billing_out_of_reach_leaves_the_money_unknown_instead_of_failing()
    {
        var billing = new Billing(_ => throw new HttpRequestException("connection refused"));
        Assert.Empty(await Ledger(billing).MoneyOfAsync(CallerContext(), [Guid.NewGuid()], default));

        var erring = new Billing(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        Assert.Empty(await Ledger(erring).MoneyOfAsync(CallerContext(), [Guid.NewGuid()], default));
    }

    [Fact]
    public async Task The_unpaid_jobs_view_cannot_answer_without_billings_open_holds()
    {
        var billing = new Billing(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        await Assert.ThrowsAsync<HttpRequestException>(() => Ledger(billing).HeldJobsAsync(CallerContext(), default));
    }
}
