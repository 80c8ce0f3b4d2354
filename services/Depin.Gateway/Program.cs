using Depin.Gateway;
using Depin.Gateway.ApiKeys;
using Depin.Gateway.Proxy;
using Depin.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseBodySizeLimit();
app.UseServiceDefaults();
app.UseRateLimiter();
app.MapAccountsApi();
app.MapReverseProxy();
app.Run();
