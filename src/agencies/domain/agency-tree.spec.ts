import { AgencyTree } from './agency-tree';

const node = (id: string, parentId: string | null) => ({ id, code: id, name: id, nameEn: null, parentId });

describe('AgencyTree', () => {
  const tree = new AgencyTree([node('root', null), node('a', 'root'), node('b', 'root'), node('a1', 'a'), node('other', null)]);

  it('returns an agency with everything below it', () => {
    expect(tree.subtree('root').sort()).toEqual(['a', 'a1', 'b', 'root']);
    expect(tree.subtree('a').sort()).toEqual(['a', 'a1']);
    expect(tree.subtree('b')).toEqual(['b']);
  });

  it('returns nothing for an unknown agency', () => {
    expect(tree.subtree('missing')).toEqual([]);
  });

  it('lists ancestors nearest first', () => {
    expect(tree.ancestors('a1')).toEqual(['a', 'root']);
    expect(tree.ancestors('other')).toEqual([]);
  });
});
