using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace BasketReasoner.Retrieval.Tests.Qdrant;

/// <summary>
/// The state and rules of the FAKE Qdrant server, after Qdrant's documented behaviour: operations on a missing
/// collection answer <c>NOT_FOUND</c> ("Collection `x` doesn't exist!"); creating an existing one, a vector of the wrong
/// dimension or name, or ordering a scroll by a field without a payload index answer <c>INVALID_ARGUMENT</c>; Cosine
/// collections store normalised vectors; query results are sorted best first, then cut by <c>score_threshold</c>,
/// <c>offset</c> and <c>limit</c> (default 10); filters follow <see cref="FakeQdrantFilter"/>.
/// </summary>
public sealed class FakeQdrantCollections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);
    private ulong _operationId;

    /// <summary>A collection as the fake holds it: its create request, payload indexes, points and snapshots.</summary>
    public sealed class FakeCollection(CreateCollection config)
    {
        public CreateCollection Config { get; } = config;

        public Dictionary<string, CreateFieldIndexCollection> PayloadIndexes { get; } = new(StringComparer.Ordinal);

        public Dictionary<PointId, (Dictionary<string, float[]> Vectors, MapField<string, Value> Payload)> Points { get; } = [];

        public List<SnapshotDescription> Snapshots { get; } = [];
    }

    public FakeCollection? this[string name]
    {
        get
        {
            lock (_gate)
            {
                return _collections.GetValueOrDefault(name);
            }
        }
    }

    /// <summary>The request message of a gRPC method, decoded with the package's own parser; null for a method the fake does not serve.</summary>
    public static IMessage? Decode(string method, ReadOnlyMemory<byte> frame) => method switch
    {
        "/qdrant.Collections/Create" => CreateCollection.Parser.ParseFrom(frame.Span),
        "/qdrant.Collections/CollectionExists" => CollectionExistsRequest.Parser.ParseFrom(frame.Span),
        "/qdrant.Collections/List" => ListCollectionsRequest.Parser.ParseFrom(frame.Span),
        "/qdrant.Collections/Delete" => DeleteCollection.Parser.ParseFrom(frame.Span),
        "/qdrant.Points/CreateFieldIndex" => CreateFieldIndexCollection.Parser.ParseFrom(frame.Span),
        "/qdrant.Points/Upsert" => UpsertPoints.Parser.ParseFrom(frame.Span),
        "/qdrant.Points/Get" => GetPoints.Parser.ParseFrom(frame.Span),
        "/qdrant.Points/Query" => QueryPoints.Parser.ParseFrom(frame.Span),
        "/qdrant.Points/Scroll" => ScrollPoints.Parser.ParseFrom(frame.Span),
        "/qdrant.Points/Delete" => DeletePoints.Parser.ParseFrom(frame.Span),
        "/qdrant.Snapshots/Create" => CreateSnapshotRequest.Parser.ParseFrom(frame.Span),
        "/qdrant.Snapshots/List" => ListSnapshotsRequest.Parser.ParseFrom(frame.Span),
        "/qdrant.Snapshots/Delete" => DeleteSnapshotRequest.Parser.ParseFrom(frame.Span),
        _ => null,
    };

    /// <summary>Serves one decoded request; throws <see cref="FakeQdrantStatusException"/> where Qdrant answers an error.</summary>
    public IMessage Handle(IMessage request)
    {
        lock (_gate)
        {
            return request switch
            {
                CreateCollection create => Create(create),
                CollectionExistsRequest exists => new CollectionExistsResponse { Result = new CollectionExists { Exists = _collections.ContainsKey(exists.CollectionName) } },
                ListCollectionsRequest => new ListCollectionsResponse { Collections = { _collections.Keys.Select(n => new CollectionDescription { Name = n }) } },
                DeleteCollection delete => new CollectionOperationResponse { Result = _collections.Remove(delete.CollectionName) },
                CreateFieldIndexCollection index => Index(index),
                UpsertPoints upsert => Upsert(upsert),
                GetPoints get => Get(get),
                QueryPoints query => Query(query),
                ScrollPoints scroll => Scroll(scroll),
                DeletePoints delete => Delete(delete),
                CreateSnapshotRequest snapshot => CreateSnapshot(snapshot),
                ListSnapshotsRequest list => new ListSnapshotsResponse { SnapshotDescriptions = { Existing(list.CollectionName).Snapshots } },
                DeleteSnapshotRequest delete => DeleteSnapshot(delete),
                _ => throw new FakeQdrantStatusException(StatusCode.Unimplemented, $"{request.Descriptor.Name} is not served by the fake."),
            };
        }
    }

    private CollectionOperationResponse Create(CreateCollection create)
    {
        if (_collections.ContainsKey(create.CollectionName))
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, $"Wrong input: Collection `{create.CollectionName}` already exists!");
        }

        var vectors = VectorParamsOf(create);
        if (vectors.Count == 0 || vectors.Values.Any(v => v.Size == 0 || v.Distance == Distance.UnknownDistance))
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "Validation error in body: every vector needs a size ≥ 1 and a distance.");
        }

        if (create.HasWriteConsistencyFactor && create.WriteConsistencyFactor > (create.HasReplicationFactor ? create.ReplicationFactor : 1))
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "Wrong input: write_consistency_factor must not exceed replication_factor.");
        }

        _collections.Add(create.CollectionName, new FakeCollection(create.Clone()));
        return new CollectionOperationResponse { Result = true };
    }

    private PointsOperationResponse Index(CreateFieldIndexCollection index)
    {
        var collection = Existing(index.CollectionName);
        if (!index.HasFieldType || string.IsNullOrEmpty(index.FieldName))
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "Wrong input: a payload index needs a field name and a field type.");
        }

        collection.PayloadIndexes[index.FieldName] = index.Clone();
        return Completed(index.HasWait && index.Wait);
    }

    private PointsOperationResponse Upsert(UpsertPoints upsert)
    {
        var collection = Existing(upsert.CollectionName);
        var parameters = VectorParamsOf(collection.Config);
        var staged = new List<(PointId, Dictionary<string, float[]>, MapField<string, Value>)>();

        // Qdrant validates the whole batch before applying any of it.
        foreach (var point in upsert.Points)
        {
            if (point.Id is null || point.Id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.None)
            {
                throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "Validation error: every point needs an id.");
            }

            var vectors = NamedDense(point.Vectors);
            foreach (var (name, values) in vectors)
            {
                if (!parameters.TryGetValue(name, out var p))
                {
                    throw new FakeQdrantStatusException(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}");
                }

                if ((ulong)values.Length != p.Size)
                {
                    throw new FakeQdrantStatusException(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {p.Size}, got {values.Length}");
                }

                if (p.Distance == Distance.Cosine)
                {
                    Normalize(values);
                }
            }

            staged.Add((point.Id.Clone(), vectors, point.Payload.Clone()));
        }

        foreach (var (id, vectors, payload) in staged)
        {
            collection.Points[id] = (vectors, payload);
        }

        return Completed(upsert.HasWait && upsert.Wait);
    }

    private GetResponse Get(GetPoints get)
    {
        var collection = Existing(get.CollectionName);
        var response = new GetResponse();
        foreach (var id in get.Ids.Distinct())
        {
            if (collection.Points.TryGetValue(id, out var point))
            {
                response.Result.Add(Retrieved(id, point, get.WithPayload, get.WithVectors));
            }
        }

        return response;
    }

    private QueryResponse Query(QueryPoints query)
    {
        var collection = Existing(query.CollectionName);
        var parameters = VectorParamsOf(collection.Config);
        if (query.Query?.Nearest?.Dense is not { } dense)
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "The fake answers nearest-neighbour queries with a dense vector only.");
        }

        var name = query.HasUsing ? query.Using : "";
        if (!parameters.TryGetValue(name, out var p))
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}");
        }

        if ((ulong)dense.Data.Count != p.Size)
        {
            throw new FakeQdrantStatusException(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {p.Size}, got {dense.Data.Count}");
        }

        var vector = dense.Data.ToArray();
        if (p.Distance == Distance.Cosine)
        {
            Normalize(vector);
        }

        var higherIsBetter = p.Distance is Distance.Cosine or Distance.Dot;
        var scored = collection.Points
            .Where(point => point.Value.Vectors.ContainsKey(name) && FakeQdrantFilter.Matches(query.Filter, point.Key, point.Value.Payload))
            .Select(point => (point, Score: Score(p.Distance, vector, point.Value.Vectors[name])))
            .Where(x => !query.HasScoreThreshold || (higherIsBetter ? x.Score >= query.ScoreThreshold : x.Score <= query.ScoreThreshold));
        var ordered = higherIsBetter ? scored.OrderByDescending(x => x.Score) : scored.OrderBy(x => x.Score);
        var response = new QueryResponse();
        foreach (var (point, score) in ordered.Skip((int)query.Offset).Take(query.HasLimit ? (int)query.Limit : 10))
        {
            var retrieved = Retrieved(point.Key, point.Value, query.WithPayload, query.WithVectors);
            response.Result.Add(new ScoredPoint { Id = retrieved.Id, Score = score, Version = 1, Payload = { retrieved.Payload }, Vectors = retrieved.Vectors });
        }

        return response;
    }

    private ScrollResponse Scroll(ScrollPoints scroll)
    {
        var collection = Existing(scroll.CollectionName);
        var matching = collection.Points.Where(point => FakeQdrantFilter.Matches(scroll.Filter, point.Key, point.Value.Payload));
        IEnumerable<KeyValuePair<PointId, (Dictionary<string, float[]> Vectors, MapField<string, Value> Payload)>> ordered;
        if (scroll.OrderBy is { } orderBy)
        {
            // Qdrant orders a scroll only by a field with a range-capable payload index.
            if (!collection.PayloadIndexes.TryGetValue(orderBy.Key, out var index) || index.FieldType is not (FieldType.Integer or FieldType.Float or FieldType.Datetime))
            {
                throw new FakeQdrantStatusException(StatusCode.InvalidArgument, $"Bad request: No range index for `order_by` key: `{orderBy.Key}`. Please create one to use `order_by`.");
            }

            double Key(MapField<string, Value> payload) => payload.TryGetValue(orderBy.Key, out var v) ? FakeQdrantFilter.Number(v) ?? double.NaN : double.NaN;
            ordered = orderBy.Direction == Direction.Desc ? matching.OrderByDescending(p => Key(p.Value.Payload)) : matching.OrderBy(p => Key(p.Value.Payload));
        }
        else
        {
            ordered = matching.OrderBy(p => p.Key.HasNum ? p.Key.Num.ToString("D20") : p.Key.Uuid, StringComparer.Ordinal);
        }

        var limit = scroll.HasLimit ? (int)scroll.Limit : 10;
        var page = ordered.Take(limit + 1).ToList();
        var response = new ScrollResponse();
        foreach (var point in page.Take(limit))
        {
            response.Result.Add(Retrieved(point.Key, point.Value, scroll.WithPayload, scroll.WithVectors));
        }

        if (page.Count > limit)
        {
            response.NextPageOffset = page[limit].Key.Clone();
        }

        return response;
    }

    private PointsOperationResponse Delete(DeletePoints delete)
    {
        var collection = Existing(delete.CollectionName);
        var doomed = delete.Points?.PointsSelectorOneOfCase switch
        {
            PointsSelector.PointsSelectorOneOfOneofCase.Points => delete.Points.Points.Ids.Where(collection.Points.ContainsKey).ToList(),
            PointsSelector.PointsSelectorOneOfOneofCase.Filter => [.. collection.Points.Where(p => FakeQdrantFilter.Matches(delete.Points.Filter, p.Key, p.Value.Payload)).Select(p => p.Key)],
            _ => throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "Validation error: a delete needs a points selector."),
        };
        foreach (var id in doomed)
        {
            collection.Points.Remove(id);
        }

        return Completed(delete.HasWait && delete.Wait);
    }

    private CreateSnapshotResponse CreateSnapshot(CreateSnapshotRequest request)
    {
        var collection = Existing(request.CollectionName);
        var now = DateTime.UtcNow;
        var content = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', collection.Points.Keys.Select(k => k.ToString())));
        var description = new SnapshotDescription
        {
            Name = $"{request.CollectionName}-{collection.Snapshots.Count + 1}-{now:yyyy-MM-dd-HH-mm-ss}.snapshot",
            CreationTime = Timestamp.FromDateTime(now),
            Size = content.Length + 512,
            Checksum = Convert.ToHexStringLower(SHA256.HashData(content)),
        };
        collection.Snapshots.Add(description);
        return new CreateSnapshotResponse { SnapshotDescription = description };
    }

    private DeleteSnapshotResponse DeleteSnapshot(DeleteSnapshotRequest request)
    {
        var collection = Existing(request.CollectionName);
        if (collection.Snapshots.RemoveAll(s => s.Name == request.SnapshotName) == 0)
        {
            throw new FakeQdrantStatusException(StatusCode.NotFound, $"Not found: Snapshot {request.SnapshotName} not found");
        }

        return new DeleteSnapshotResponse();
    }

    private FakeCollection Existing(string name) =>
        _collections.GetValueOrDefault(name) ?? throw new FakeQdrantStatusException(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!");

    private PointsOperationResponse Completed(bool waited) =>
        new() { Result = new UpdateResult { OperationId = ++_operationId, Status = waited ? UpdateStatus.Completed : UpdateStatus.Acknowledged } };

    private static Dictionary<string, VectorParams> VectorParamsOf(CreateCollection create) => create.VectorsConfig?.ConfigCase switch
    {
        VectorsConfig.ConfigOneofCase.Params => new() { [""] = create.VectorsConfig.Params },
        VectorsConfig.ConfigOneofCase.ParamsMap => create.VectorsConfig.ParamsMap.Map.ToDictionary(kv => kv.Key, kv => kv.Value),
        _ => [],
    };

#pragma warning disable CS0612 // Older clients send the plain data field; Qdrant still reads it.
    private static Dictionary<string, float[]> NamedDense(global::Qdrant.Client.Grpc.Vectors? vectors) => vectors?.VectorsOptionsCase switch
    {
        global::Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vector => new() { [""] = Dense(vectors.Vector) },
        global::Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vectors_ => vectors.Vectors_.Vectors.ToDictionary(kv => kv.Key, kv => Dense(kv.Value)),
        _ => throw new FakeQdrantStatusException(StatusCode.InvalidArgument, "Validation error: every point needs vectors."),
    };

    private static float[] Dense(Vector vector) => vector.Dense is { } dense ? [.. dense.Data] : [.. vector.Data];
#pragma warning restore CS0612

    private static RetrievedPoint Retrieved(PointId id, (Dictionary<string, float[]> Vectors, MapField<string, Value> Payload) point, WithPayloadSelector? withPayload, WithVectorsSelector? withVectors)
    {
        var retrieved = new RetrievedPoint { Id = id.Clone() };
        if (withPayload is { Enable: true })
        {
            retrieved.Payload.Add(point.Payload);
        }

        if (withVectors is { Enable: true })
        {
            var named = new NamedVectorsOutput();
            foreach (var (name, values) in point.Vectors)
            {
                named.Vectors.Add(name, new VectorOutput { Dense = new DenseVector { Data = { values } } });
            }

            retrieved.Vectors = new VectorsOutput { Vectors = named };
        }

        return retrieved;
    }

    private static float Score(Distance distance, float[] query, float[] stored)
    {
        double sum = 0;
        for (var i = 0; i < query.Length; i++)
        {
            sum += distance switch
            {
                Distance.Euclid => (query[i] - stored[i]) * (query[i] - stored[i]),
                Distance.Manhattan => Math.Abs(query[i] - stored[i]),
                _ => query[i] * stored[i],
            };
        }

        return (float)(distance == Distance.Euclid ? Math.Sqrt(sum) : sum);
    }

    private static void Normalize(float[] values)
    {
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] /= norm;
            }
        }
    }
}
