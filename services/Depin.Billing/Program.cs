using Depin.Billing;
using Depin.Billing.Analytics;
using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using Depin.Billing.Stakes;
using Depin.ServiceDefaults;
using Depin.ServiceDefaults.Analytics;
using Depin.ServiceDefaults.EventLog;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(BillingModule.Name);
builder.AddBilling();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAccountsApi();
app.MapJobMoneyApi();
app.MapStakesApi();
app.MapEventLog();
app.MapMoneyAnalytics();
app.MapAnalyticsProjections();
app.Run();
