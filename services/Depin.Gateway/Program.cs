using Depin.Gateway;
using Depin.Gateway.ApiKeys;
using Depin.Gateway.Proxy;
using Depin.ServiceDefaults;
using Depin.ServiceDefaults.EventLog;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayModule.Name);
builder.AddGateway();

var app = builder.Build();
app.UseBodySizeLimit();
app.UseServiceDefaults();
app.UseRateLimiter();
app.UseKnownAccounts();
app.MapAccountsApi();
app.MapEventLog();
app.MapEventLogIndex(GatewayModule.ProxiedEventLogs(app.Configuration));
app.MapReverseProxy();
app.Run();
