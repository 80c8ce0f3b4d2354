namespace Depin.Contracts; public static class Placeholder {}
