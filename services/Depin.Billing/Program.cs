using Depin.Billing;
using Depin.Billing.Accounts;
using Depin.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("billing");
builder.AddBilling();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAccountsApi();
app.Run();
