namespace Depin.ServiceDefaults; public static class Placeholder { public static System.Type T = typeof(MassTransit.IBus); }
