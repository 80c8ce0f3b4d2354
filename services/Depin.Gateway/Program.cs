var app = WebApplication.CreateBuilder(args).Build(); app.Run();
static partial class P { static System.Type T = typeof(Yarp.ReverseProxy.Forwarder.IHttpForwarder); }
