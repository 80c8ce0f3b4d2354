using Depin.Billing;
using Depin.Billing.Accounts;
using Depin.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(BillingModule.Name);
builder.AddBilling();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAccountsApi();
app.Run();
