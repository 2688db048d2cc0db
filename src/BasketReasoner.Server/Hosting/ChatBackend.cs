using Microsoft.Extensions.AI;

namespace BasketReasoner.Server.Hosting;

/// <summary>The <see cref="IChatClient"/> behind <c>/v1/chat/completions</c>, or <c>null</c> when none is installed.</summary>
internal sealed record ChatBackend(IChatClient? Client);
