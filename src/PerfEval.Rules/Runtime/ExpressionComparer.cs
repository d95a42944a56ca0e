using System.Collections.ObjectModel;
using System.Linq.Expressions;

namespace PerfEval.Rules.Runtime;

/// <summary>
/// Structural equality of expression trees: same node types, members, methods, constants (by
/// <see cref="object.Equals(object?, object?)"/>, except that decimals must also have the same scale
/// and floating-point numbers the same bits, so 1.0m and 1.00m, or 0.0 and -0.0, are not shared) and
/// parameters (by name and type). Node kinds it
/// does not know compare by reference, which only loses sharing, never correctness.
/// </summary>
internal sealed class ExpressionComparer : IEqualityComparer<Expression>
{
    public static readonly ExpressionComparer Instance = new();

    /// <summary>Constants are interchangeable only when every computation gives the same result with either.</summary>
    private static bool SameConstant(object? a, object? b) => (a, b) switch
    {
        (decimal m, decimal n) => m == n && m.Scale == n.Scale,
        (double d, double e) => BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(e),
        (float f, float g) => BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g),
        _ => object.Equals(a, b),
    };

    public bool Equals(Expression? x, Expression? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.NodeType != y.NodeType || x.Type != y.Type)
        {
            return false;
        }

        switch (x)
        {
            case BinaryExpression bx:
                var by = (BinaryExpression)y;
                return bx.Method == by.Method && bx.IsLiftedToNull == by.IsLiftedToNull && Equals(bx.Left, by.Left) && Equals(bx.Right, by.Right) && Equals(bx.Conversion, by.Conversion);
            case UnaryExpression ux:
                var uy = (UnaryExpression)y;
                return ux.Method == uy.Method && Equals(ux.Operand, uy.Operand);
            case ConstantExpression cx:
                return SameConstant(cx.Value, ((ConstantExpression)y).Value);
            case ParameterExpression px:
                var py = (ParameterExpression)y;
                return string.Equals(px.Name, py.Name, StringComparison.Ordinal) && px.IsByRef == py.IsByRef;
            case MemberExpression mx:
                var my = (MemberExpression)y;
                return mx.Member == my.Member && Equals(mx.Expression, my.Expression);
            case MethodCallExpression cx2:
                var cy2 = (MethodCallExpression)y;
                return cx2.Method == cy2.Method && Equals(cx2.Object, cy2.Object) && Equals(cx2.Arguments, cy2.Arguments);
            case ConditionalExpression qx:
                var qy = (ConditionalExpression)y;
                return Equals(qx.Test, qy.Test) && Equals(qx.IfTrue, qy.IfTrue) && Equals(qx.IfFalse, qy.IfFalse);
            case NewExpression nx:
                var ny = (NewExpression)y;
                return nx.Constructor == ny.Constructor && Equals(nx.Arguments, ny.Arguments) && MembersEqual(nx.Members, ny.Members);
            case NewArrayExpression ax:
                return Equals(ax.Expressions, ((NewArrayExpression)y).Expressions);
            case TypeBinaryExpression tx:
                var ty = (TypeBinaryExpression)y;
                return tx.TypeOperand == ty.TypeOperand && Equals(tx.Expression, ty.Expression);
            case LambdaExpression lx:
                var ly = (LambdaExpression)y;
                return lx.Parameters.Count == ly.Parameters.Count && ParametersEqual(lx.Parameters, ly.Parameters) && Equals(lx.Body, ly.Body);
            case InvocationExpression ix:
                var iy = (InvocationExpression)y;
                return Equals(ix.Expression, iy.Expression) && Equals(ix.Arguments, iy.Arguments);
            case IndexExpression ex:
                var ey = (IndexExpression)y;
                return ex.Indexer == ey.Indexer && Equals(ex.Object, ey.Object) && Equals(ex.Arguments, ey.Arguments);
            case DefaultExpression:
                return true;
            default:
                return false;
        }
    }

    public int GetHashCode(Expression obj)
    {
        var h = new HashCode();
        Hash(ref h, obj, 0);
        return h.ToHashCode();
    }

    private static void Hash(ref HashCode h, Expression? e, int depth)
    {
        if (e is null)
        {
            h.Add(0);
            return;
        }

        h.Add((int)e.NodeType);
        h.Add(e.Type);
        if (depth > 12)
        {
            return;
        }

        switch (e)
        {
            case BinaryExpression b:
                h.Add(b.Method);
                Hash(ref h, b.Left, depth + 1);
                Hash(ref h, b.Right, depth + 1);
                break;
            case UnaryExpression u:
                Hash(ref h, u.Operand, depth + 1);
                break;
            case ConstantExpression c:
                h.Add(c.Value);
                break;
            case ParameterExpression p:
                h.Add(p.Name, StringComparer.Ordinal);
                break;
            case MemberExpression m:
                h.Add(m.Member);
                Hash(ref h, m.Expression, depth + 1);
                break;
            case MethodCallExpression mc:
                h.Add(mc.Method);
                Hash(ref h, mc.Object, depth + 1);
                foreach (var a in mc.Arguments)
                {
                    Hash(ref h, a, depth + 1);
                }

                break;
            case ConditionalExpression q:
                Hash(ref h, q.Test, depth + 1);
                Hash(ref h, q.IfTrue, depth + 1);
                Hash(ref h, q.IfFalse, depth + 1);
                break;
            case LambdaExpression l:
                Hash(ref h, l.Body, depth + 1);
                break;
            case NewExpression n:
                h.Add(n.Constructor);
                foreach (var a in n.Arguments)
                {
                    Hash(ref h, a, depth + 1);
                }

                break;
            default:
                break;
        }
    }

    private bool Equals(ReadOnlyCollection<Expression> x, ReadOnlyCollection<Expression> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        for (int i = 0; i < x.Count; i++)
        {
            if (!Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParametersEqual(ReadOnlyCollection<ParameterExpression> x, ReadOnlyCollection<ParameterExpression> y)
    {
        for (int i = 0; i < x.Count; i++)
        {
            if (x[i].Type != y[i].Type || !string.Equals(x[i].Name, y[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MembersEqual(ReadOnlyCollection<System.Reflection.MemberInfo>? x, ReadOnlyCollection<System.Reflection.MemberInfo>? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x.Count != y.Count)
        {
            return false;
        }

        for (int i = 0; i < x.Count; i++)
        {
            if (x[i] != y[i])
            {
                return false;
            }
        }

        return true;
    }
}
